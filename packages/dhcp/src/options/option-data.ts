// A config's `option-data` entry resolved to an option payload, as Kea 2.2's OptionDataParser does:
// found by code or name in its space (dhcp4/dhcp6 by default), `data` read as csv fields when a
// definition exists and csv-format is not false, as hex (or a 'quoted' string) otherwise. Kea's
// config defaults make csv-format true when absent, so an option without a definition needs an
// explicit csv-format false. never-send (Kea 2.4+) is accepted. Throws only DhcpConfigError.
import { DhcpConfigError, DhcpParseError } from '../errors.js';
import type { OptionDefinition, Universe } from '../types.js';
import { splitCsv } from './csv.js';
import { checkEntry, isValidOptionName } from './entry-check.js';
import type { DefinitionLookup } from './lookup.js';
import { decodeOptionValue, encodeOptionValue } from './option-value.js';

/** An option-data entry as it appears in a config or a command. */
export interface OptionDataEntry {
  name?: string;
  code?: number;
  space?: string;
  data?: string;
  'csv-format'?: boolean;
  'always-send'?: boolean;
  'never-send'?: boolean;
  'user-context'?: Record<string, unknown>;
  comment?: string;
  metadata?: Record<string, unknown>;
}

export interface ResolvedOptionData {
  readonly code: number;
  readonly space: string;
  /** The definition used, absent for an option given as hex without one. */
  readonly def?: OptionDefinition;
  /** The option's payload (no header); sub-options from other entries are not included. */
  readonly payload: Buffer;
  readonly csvFormat: boolean;
  readonly alwaysSend: boolean;
  readonly neverSend: boolean;
  /** The data text as given when it was read as csv (Kea echoes it in config-get), else ''. */
  readonly formattedValue: string;
  readonly userContext?: Record<string, unknown>;
  readonly comment?: string;
}

const OPTION_DATA_KEYS = {
  name: 'string',
  data: 'string',
  code: 'integer',
  space: 'string',
  'csv-format': 'boolean',
  'always-send': 'boolean',
  'never-send': 'boolean',
  'user-context': 'map',
  comment: 'string',
  metadata: 'map',
} as const;

/** Kea's hex data: a 'single-quoted' string as its bytes, else colon/space-separated or plain hex. */
export function parseHexData(text: string): Buffer {
  const trimmed = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
  if (trimmed.length > 1 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
    const inner = trimmed.slice(1, -1).replace(/^[ \t\n]+|[ \t\n]+$/g, '');
    if (inner !== '') return Buffer.from(inner, 'utf8');
  }
  const bad = (): DhcpConfigError =>
    new DhcpConfigError(`option data is not a valid string of hex digits: ${text}`);
  for (const sep of [':', ' ']) {
    if (!text.includes(sep)) continue;
    const parts = text.split(sep);
    const out: number[] = [];
    for (const p of parts) {
      if (p === '' && parts.length > 1) throw bad();
      if (!/^[0-9a-fA-F]{1,2}$/.test(p)) throw bad();
      out.push(Number.parseInt(p, 16));
    }
    return Buffer.from(out);
  }
  // Only a lowercase '0x' prefix, as in Kea; an odd digit count gets a leading zero.
  let digits = text.length > 2 && text.startsWith('0x') ? text.slice(2) : text;
  if (!/^[0-9a-fA-F]*$/.test(digits)) throw bad();
  if (digits.length % 2 !== 0) digits = `0${digits}`;
  return Buffer.from(digits, 'hex');
}

/**
 * Resolves one option-data entry for a daemon of `universe`. `lookup` finds definitions (standard,
 * vendor, last-resort and the config's option-def entries) and the universe of sub-option spaces.
 */
export function resolveOptionData(
  entry: unknown,
  universe: Universe,
  lookup: DefinitionLookup,
): ResolvedOptionData {
  checkEntry(entry, OPTION_DATA_KEYS, 'option-data');
  const e = entry as OptionDataEntry;
  const top = universe === 4 ? 'dhcp4' : 'dhcp6';
  const max = universe === 4 ? 0xff : 0xffff;

  if (e.code !== undefined && (e.code < 0 || e.code > max)) {
    throw new DhcpConfigError(`invalid option code '${e.code}': it must be in the range 0..${max}`);
  }
  if (e.name?.includes(' ')) {
    throw new DhcpConfigError(`invalid option name '${e.name}': it must not contain a space`);
  }
  const space = e.space ?? top;
  if (!isValidOptionName(space)) throw new DhcpConfigError(`invalid option space name '${space}'`);
  const other = universe === 4 ? 'dhcp6' : 'dhcp4';
  if (space === other) {
    throw new DhcpConfigError(
      `option space '${other}' is reserved for the DHCPv${universe === 4 ? 6 : 4} server`,
    );
  }
  if (e.code === undefined && e.name === undefined) {
    throw new DhcpConfigError("option-data entry needs 'code' or 'name'");
  }

  const def = e.code !== undefined ? lookup.get(space, e.code) : lookup.getByName(space, e.name!);
  const csv = e['csv-format'] ?? true;
  const label = `'${space}.${e.name ?? e.code}'`;
  if (!def) {
    if (e.code === undefined) throw new DhcpConfigError(`no definition for option ${label}`);
    if (csv) {
      throw new DhcpConfigError(
        `no definition for option ${label}: its data can only be given as hex with csv-format false`,
      );
    }
  }
  if (def && e.name !== undefined && def.name !== e.name) {
    throw new DhcpConfigError(
      `option name '${e.name}' does not match the definition of code ${def.code} in space '${space}' ('${def.name}')`,
    );
  }
  const code = def ? def.code : e.code!;
  if (space === 'dhcp4' && (code === 0 || code === 255)) {
    throw new DhcpConfigError(`invalid option code '${code}': reserved for ${code === 0 ? 'PAD' : 'END'}`);
  }
  if (space === 'dhcp6' && code === 0) throw new DhcpConfigError("invalid option code '0': reserved value");

  const data = e.data ?? '';
  const u = lookup.universeOf(space);
  let payload: Buffer;
  if (def && csv) {
    payload = encodeOptionValue(def, splitCsv(data), u);
  } else {
    payload = parseHexData(data);
    if (def) {
      try {
        decodeOptionValue(def, payload, u);
      } catch (err) {
        if (!(err instanceof DhcpParseError)) throw err;
        throw new DhcpConfigError(`option data of ${label} does not match its definition: ${err.message}`);
      }
      // Kea keeps a string option without its trailing NULs.
      if (def.type === 'string' && !def.array) {
        let end = payload.length;
        while (end > 0 && payload[end - 1] === 0) end--;
        payload = payload.subarray(0, end);
      }
    }
  }
  return {
    code,
    space,
    ...(def ? { def } : {}),
    payload,
    csvFormat: csv,
    alwaysSend: e['always-send'] ?? false,
    neverSend: e['never-send'] ?? false,
    formattedValue: def && csv ? data : '',
    ...(e['user-context'] ? { userContext: e['user-context'] } : {}),
    ...(e.comment !== undefined ? { comment: e.comment } : {}),
  };
}
