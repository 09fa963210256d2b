// The 'int32' format: 32-bit signed, two's complement, big-endian; text in decimal or Kea's hex form.
import { integerFormat } from './integer.js';

export const int32Format = integerFormat('int32', 4, true);
