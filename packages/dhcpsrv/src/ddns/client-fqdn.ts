// The Client FQDN option as Kea's Option4ClientFqdn (81) and Option6ClientFqdn (39) read and write it:
// flags (and in v4 the two RCODE bytes), then a name that is full (ends with the root label or, in the
// deprecated v4 ASCII form, a dot) or partial; names are lowercased. An unreadable option, or one with
// N and S both set, is a parse error of the whole packet, as Kea's unpack makes it.
import { DhcpParseError, decodeDomainName, domainNameText, parseDomainName } from '@kea-ts/dhcp';
import { FQDN_FLAG_E, FQDN_FLAG_S, fqdnFlagN } from './names.js';

export interface ClientFqdn {
  universe: 4 | 6;
  /** The flags byte (MBZ bits of a received option kept, as Kea keeps them). */
  flags: number;
  /** v4 only: RCODE1 and RCODE2 as received (Kea echoes them). */
  rcode1: number;
  rcode2: number;
  /** Lowercased labels; empty for no name. */
  labels: Buffer[];
  partial: boolean;
}

function lower(labels: Buffer[]): Buffer[] {
  return labels.map((l) => {
    const c = Buffer.from(l);
    for (let i = 0; i < c.length; i++) if (c[i]! >= 0x41 && c[i]! <= 0x5a) c[i]! += 0x20;
    return c;
  });
}

/** Kea's getDomainName(): partial names without the final dot, full ones with it, '' for none. */
export function fqdnName(f: ClientFqdn): string {
  if (f.labels.length === 0) return f.partial ? '' : '.';
  return domainNameText(f.labels, !f.partial);
}

/** Kea's Option4ClientFqdn / Option6ClientFqdn toText (its log lines show options this way). */
export function fqdnText(f: ClientFqdn): string {
  const bit = (b: number) => ((f.flags & b) !== 0 ? '1' : '0');
  const flags =
    f.universe === 4
      ? `N=${bit(0x08)}, E=${bit(FQDN_FLAG_E)}, O=${bit(0x02)}, S=${bit(FQDN_FLAG_S)}`
      : `N=${bit(0x04)}, O=${bit(0x02)}, S=${bit(FQDN_FLAG_S)}`;
  const type = f.universe === 4 ? 'type=81 (CLIENT_FQDN)' : 'type=39(CLIENT_FQDN)';
  return `${type}, flags: (${flags}), domain-name='${fqdnName(f)}' (${f.partial ? 'partial' : 'full'})`;
}

/** Labels of a text name (master-file syntax), lowercased; throws on a malformed name. */
export function nameLabels(text: string): { labels: Buffer[]; absolute: boolean } {
  try {
    const n = parseDomainName(text);
    return { labels: lower(n.labels), absolute: n.absolute };
  } catch (err) {
    throw new DhcpParseError(`invalid domain name '${text}': ${(err as Error).message}`);
  }
}

/** Sets the name of `f` from text (Kea's setDomainName); '' only as a partial (empty) name. */
export function setFqdnName(f: ClientFqdn, text: string, partial: boolean): void {
  const name = text.trim();
  if (name === '') {
    if (!partial) throw new DhcpParseError('fully qualified domain-name must not be empty');
    f.labels = [];
    f.partial = true;
    return;
  }
  f.labels = nameLabels(name).labels;
  f.partial = partial;
}

function checkFlags(flags: number, universe: 4 | 6, code: number): void {
  const ns = fqdnFlagN(universe) | FQDN_FLAG_S;
  if ((flags & ns) === ns) {
    throw new DhcpParseError(`client FQDN option ${code}: both N and S flags are set`);
  }
}

function readWireName(data: Buffer, code: number): { labels: Buffer[]; partial: boolean } {
  if (data.length === 0) return { labels: [], partial: true };
  const partial = data[data.length - 1] !== 0;
  try {
    const n = decodeDomainName(partial ? Buffer.concat([data, Buffer.from([0])]) : data, 0);
    return { labels: lower(n.labels), partial };
  } catch (err) {
    throw new DhcpParseError(`client FQDN option ${code}: ${(err as Error).message}`);
  }
}

/** Reads option 81 (v4) or 39 (v6) as Kea does. */
export function parseClientFqdn(payload: Buffer, universe: 4 | 6): ClientFqdn {
  const code = universe === 4 ? 81 : 39;
  const fixed = universe === 4 ? 3 : 1;
  if (payload.length < fixed) throw new DhcpParseError(`client FQDN option ${code} is truncated`);
  const flags = payload[0]!;
  const out: ClientFqdn = {
    universe,
    flags,
    rcode1: universe === 4 ? payload[1]! : 0,
    rcode2: universe === 4 ? payload[2]! : 0,
    labels: [],
    partial: true,
  };
  const data = payload.subarray(fixed);
  if (universe === 6 || (flags & FQDN_FLAG_E) !== 0) {
    const n = readWireName(data, code);
    out.labels = n.labels;
    out.partial = n.partial;
  } else if (data.length > 0) {
    // The deprecated ASCII form: text, full when it ends with a dot.
    const text = data.toString('latin1');
    try {
      const n = nameLabels(text);
      out.labels = n.labels;
      out.partial = !text.endsWith('.');
    } catch (err) {
      throw new DhcpParseError(`client FQDN option ${code}: ${(err as Error).message}`);
    }
  }
  checkFlags(flags, universe, code);
  return out;
}

/** The option payload of `f`: wire labels (no root label when partial), or v4 ASCII without E. */
export function encodeClientFqdn(f: ClientFqdn, universe: 4 | 6): Buffer {
  const head = universe === 4 ? Buffer.from([f.flags, f.rcode1, f.rcode2]) : Buffer.from([f.flags]);
  if (f.labels.length === 0 && f.partial) return head;
  if (universe === 4 && (f.flags & FQDN_FLAG_E) === 0) {
    return Buffer.concat([head, Buffer.from(fqdnName(f), 'latin1')]);
  }
  const parts: Buffer[] = [head];
  for (const l of f.labels) parts.push(Buffer.from([l.length]), l);
  if (!f.partial) parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** Kea's packDomainName for the DHCID: the name in wire form (the root label when full). */
export function fqdnWire(f: ClientFqdn): Buffer {
  const parts: Buffer[] = [];
  for (const l of f.labels) parts.push(Buffer.from([l.length]), l);
  if (!f.partial) parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}
