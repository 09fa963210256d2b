// The 'int16' format: 16-bit signed, two's complement, big-endian; text in decimal or Kea's hex form.
import { integerFormat } from './integer.js';

export const int16Format = integerFormat('int16', 2, true);
