// The 'uint8' format: 8-bit unsigned, big-endian; text in decimal or Kea's hex form.
import { integerFormat } from './integer.js';

export const uint8Format = integerFormat('uint8', 1, false);
