// The 'int8' format: 8-bit signed, two's complement, big-endian; text in decimal or Kea's hex form.
import { integerFormat } from './integer.js';

export const int8Format = integerFormat('int8', 1, true);
