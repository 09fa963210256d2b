// The JSON value model shared by every package, and the parser's options and result.

import type { Position } from './position.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type JsonMap = { [k: string]: JsonValue };

export interface ParseWarning {
  position: Position;
  text: string;
}

export interface ParsedJson {
  value: JsonValue;
  /**
   * Position of every value keyed by its path: '' for the root, then '/'-joined keys and
   * indexes ('Dhcp4/subnet4/0/pools/1'). For object members it is where the key starts.
   * Keys are not escaped, so a key containing '/' makes its path ambiguous.
   */
  positions: Map<string, Position>;
  /** Things Kea accepts with a warning (an extraneous trailing comma). */
  warnings: ParseWarning[];
}

export interface ParseOptions {
  /** Name used in positions and messages; '<string>' by default. Included files are resolved against its directory. */
  file?: string;
  /** Deepest allowed nesting of arrays/objects; 256 by default. */
  maxDepth?: number;
  /** Honour `<?include "path"?>`; false for parseJson, true for parseJsonFile. */
  allowIncludes?: boolean;
}

export function isJsonMap(v: JsonValue | undefined): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
