// Host records (as the databases hold them) to and from the engine's reservations (Host4/Host6):
// options are resolved with the configuration's option definitions, a formatted_value as the
// option-data `data` text of Kea's config, otherwise the binary value as the option's payload.
import { type OptionRegistry, resolveOptionData } from '@kea-ts/dhcp';
import { formatIPv6, parseIPv6 } from '@kea-ts/util';
import type { CfgOption, Host4 } from '../cfg/types.js';
import type { Host6, IdentifierType6 } from '../cfg/types6.js';
import {
  emptyHost,
  type HostRecord,
  RESERVATION_ADDRESS,
  RESERVATION_PREFIX,
  type StoredOption,
} from './host-source.js';

function toCfgOption(o: StoredOption, universe: 4 | 6, registry: OptionRegistry, who: string): CfgOption {
  const formatted = o.formattedValue !== null && o.formattedValue !== '';
  const entry = formatted
    ? { code: o.code, space: o.space, data: o.formattedValue!, 'always-send': o.persistent }
    : {
        code: o.code,
        space: o.space,
        data: (o.value ?? Buffer.alloc(0)).toString('hex'),
        'csv-format': false,
        'always-send': o.persistent,
      };
  let r: ReturnType<typeof resolveOptionData>;
  try {
    r = resolveOptionData(entry, universe, registry);
  } catch (e) {
    throw new Error(`${who}: option ${o.space}.${o.code}: ${(e as Error).message}`);
  }
  const out: CfgOption = {
    code: r.code,
    space: r.space,
    ...(r.def ? { def: r.def } : {}),
    payload: r.payload,
    alwaysSend: r.alwaysSend,
    csvFormat: formatted,
    data: formatted ? o.formattedValue! : entry.data,
    ...(o.userContext !== null ? { userContext: o.userContext } : {}),
  };
  return out;
}

function describe(h: HostRecord): string {
  return `host ${h.identifierType}=${h.identifier.toString('hex')}`;
}

/** The v4 reservation of a record (its ipv4SubnetId must be set). */
export function recordToHost4(h: HostRecord, registry: OptionRegistry): Host4 {
  const who = describe(h);
  return {
    subnetId: h.ipv4SubnetId ?? 0,
    identifierType: h.identifierType,
    identifier: h.identifier,
    ...(h.ipv4Address !== 0 ? { ipAddress: h.ipv4Address } : {}),
    hostname: h.hostname,
    options: h.options4.map((o) => toCfgOption(o, 4, registry, who)),
    nextServer: h.nextServer,
    serverHostname: h.serverHostname,
    bootFileName: h.bootFileName,
    clientClasses: h.dhcp4ClientClasses,
    ...(h.userContext !== null ? { userContext: h.userContext } : {}),
  };
}

/** The v6 reservation of a record (its ipv6SubnetId must be set). */
export function recordToHost6(h: HostRecord, registry: OptionRegistry): Host6 {
  const who = describe(h);
  const addresses: Buffer[] = [];
  const prefixes: { address: Buffer; length: number }[] = [];
  for (const r of h.reservations6) {
    const a = Buffer.from(parseIPv6(r.address));
    if (r.type === RESERVATION_PREFIX) prefixes.push({ address: a, length: r.prefixLen });
    else addresses.push(a);
  }
  return {
    subnetId: h.ipv6SubnetId ?? 0,
    identifierType: h.identifierType as IdentifierType6,
    identifier: h.identifier,
    ipAddresses: addresses,
    prefixes,
    hostname: h.hostname,
    options: h.options6.map((o) => toCfgOption(o, 6, registry, who)),
    clientClasses: h.dhcp6ClientClasses,
    ...(h.userContext !== undefined && h.userContext !== null ? { userContext: h.userContext } : {}),
  };
}

function storedOption(o: CfgOption): StoredOption {
  return {
    code: o.code,
    space: o.space,
    formattedValue: o.csvFormat && o.data !== '' ? o.data : null,
    value: Buffer.from(o.payload),
    persistent: o.alwaysSend,
    clientClass: null,
    userContext: (o.userContext as StoredOption['userContext']) ?? null,
  };
}

/** A config reservation as a record (the config source's form). */
export function host4ToRecord(h: Host4): HostRecord {
  const r = emptyHost(h.identifierType, h.identifier);
  r.ipv4SubnetId = h.subnetId;
  r.ipv4Address = h.ipAddress ?? 0;
  r.hostname = h.hostname;
  r.dhcp4ClientClasses = [...h.clientClasses];
  r.nextServer = h.nextServer;
  r.serverHostname = h.serverHostname;
  r.bootFileName = h.bootFileName;
  r.userContext = (h.userContext as HostRecord['userContext']) ?? null;
  r.options4 = h.options.map(storedOption);
  return r;
}

export function host6ToRecord(h: Host6): HostRecord {
  const r = emptyHost(h.identifierType, h.identifier);
  r.ipv6SubnetId = h.subnetId;
  r.hostname = h.hostname;
  r.dhcp6ClientClasses = [...h.clientClasses];
  r.userContext = (h.userContext as HostRecord['userContext']) ?? null;
  r.options6 = h.options.map(storedOption);
  for (const a of h.ipAddresses) {
    r.reservations6.push({ type: RESERVATION_ADDRESS, address: formatIPv6(a), prefixLen: 128, iaid: null });
  }
  for (const p of h.prefixes) {
    r.reservations6.push({
      type: RESERVATION_PREFIX,
      address: formatIPv6(p.address),
      prefixLen: p.length,
      iaid: null,
    });
  }
  return r;
}
