// The 'uint16' format: 16-bit unsigned, big-endian; text in decimal or Kea's hex form.
import { integerFormat } from './integer.js';

export const uint16Format = integerFormat('uint16', 2, false);
