// The 'empty' format: no bytes at all. An option of this type carries nothing (or only sub-options).
import type { Reader, Writer } from '@kea-ts/util';
import { configError, type DataFormat } from './format.js';

export const emptyFormat: DataFormat<null> = {
  type: 'empty',
  fixedLength: 0,
  encode(_value: null, _w: Writer): void {},
  decode(_r: Reader): null {
    return null;
  },
  fromText(text: string): null {
    if (text !== '') throw configError(`an option of type empty takes no data, got '${text}'`);
    return null;
  },
  toText(): string {
    return '';
  },
};
