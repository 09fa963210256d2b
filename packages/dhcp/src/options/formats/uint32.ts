// The 'uint32' format: 32-bit unsigned, big-endian; text in decimal or Kea's hex form.
import { integerFormat } from './integer.js';

export const uint32Format = integerFormat('uint32', 4, false);
