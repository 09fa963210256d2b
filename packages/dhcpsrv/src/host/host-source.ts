// The host data source contract (Kea's BaseHostDataSource): reservations as Kea keeps them in its
// databases, one record for both families (a host may hold a v4 and a v6 reservation), looked up
// by identifier and subnet, by address, by identifier across subnets and by hostname; added and
// deleted unless the source is read-only. The config's reservations are one source; the
// PostgreSQL and MySQL host managers are the others.
import type { JsonMap } from '@kea-ts/cc';
import type { IdentifierType } from '../cfg/types.js';
import type { DbLossHandler, DbReconnectParams } from '../lease/db-reconnect.js';

/** host_identifier_type.type of each identifier (Kea's Host::IdentifierType). */
export const IDENTIFIER_CODES: Readonly<Record<IdentifierType, number>> = {
  'hw-address': 0,
  duid: 1,
  'circuit-id': 2,
  'client-id': 3,
  'flex-id': 4,
};
export const IDENTIFIER_BY_CODE: readonly IdentifierType[] = [
  'hw-address',
  'duid',
  'circuit-id',
  'client-id',
  'flex-id',
];

/** ipv6_reservations.type: 0 an address, 2 a prefix. */
export const RESERVATION_ADDRESS = 0;
export const RESERVATION_PREFIX = 2;

/** One option row of a host (dhcp4_options / dhcp6_options with scope_id 3, "host"). */
export interface StoredOption {
  code: number;
  space: string;
  /** The option-data `data` text, parsed by the option's definition; null when only `value` is set. */
  formattedValue: string | null;
  /** The option's payload on the wire; used when formattedValue is empty. */
  value: Buffer | null;
  /** Kea's `persistent` column: always-send. */
  persistent: boolean;
  clientClass: string | null;
  userContext: JsonMap | null;
}

export interface StoredReservation6 {
  type: typeof RESERVATION_ADDRESS | typeof RESERVATION_PREFIX;
  /** Text form as Kea writes it (RFC 5952). */
  address: string;
  prefixLen: number;
  iaid: number | null;
}

/** A host as a database row set holds it. Subnet ids: 0 is global, null not reserved there. */
export interface HostRecord {
  identifierType: IdentifierType;
  identifier: Buffer;
  ipv4SubnetId: number | null;
  ipv6SubnetId: number | null;
  /** 0 for none. */
  ipv4Address: number;
  hostname: string;
  dhcp4ClientClasses: string[];
  dhcp6ClientClasses: string[];
  /** 0 for none. */
  nextServer: number;
  serverHostname: string;
  bootFileName: string;
  userContext: JsonMap | null;
  /** Hex text; '' for none. */
  authKey: string;
  reservations6: StoredReservation6[];
  options4: StoredOption[];
  options6: StoredOption[];
}

export interface HostDataSource {
  /** 'postgresql', 'mysql', or 'config' for the configuration's reservations. */
  readonly type: string;
  readonly readonly: boolean;
  get4(subnetId: number, type: IdentifierType, id: Buffer): Promise<HostRecord | null>;
  get6(subnetId: number, type: IdentifierType, id: Buffer): Promise<HostRecord | null>;
  /** Hosts reserving the address in the v4 subnet (several when ip-reservations-unique is off). */
  getAll4ByAddress(subnetId: number, address: number): Promise<HostRecord[]>;
  /** Hosts reserving the address (prefixLen 128) or the prefix in the v6 subnet. */
  getAll6ByAddress(subnetId: number, address: string, prefixLen: number): Promise<HostRecord[]>;
  /** Every host with a v4 subnet id for the identifier, with its v4 options. */
  getAll4(type: IdentifierType, id: Buffer): Promise<HostRecord[]>;
  /** Every host with a v6 subnet id for the identifier, with its v6 reservations and options. */
  getAll6(type: IdentifierType, id: Buffer): Promise<HostRecord[]>;
  /** Hosts by hostname, compared without case. */
  getAllByHostname(hostname: string): Promise<HostRecord[]>;
  add(host: HostRecord): Promise<void>;
  /** Deletes the host of the identifier in the subnet of the family; false when there was none. */
  del(family: 4 | 6, subnetId: number, type: IdentifierType, id: Buffer): Promise<boolean>;
  /** SQL sources: recover a lost connection with the entry's recovery keys (db-reconnect.ts). */
  watchConnection?(params: DbReconnectParams, handler: DbLossHandler, family: 4 | 6): void;
  close(): Promise<void>;
}

/** A record with no reservation data, to fill in. */
export function emptyHost(type: IdentifierType, identifier: Buffer): HostRecord {
  return {
    identifierType: type,
    identifier,
    ipv4SubnetId: null,
    ipv6SubnetId: null,
    ipv4Address: 0,
    hostname: '',
    dhcp4ClientClasses: [],
    dhcp6ClientClasses: [],
    nextServer: 0,
    serverHostname: '',
    bootFileName: '',
    userContext: null,
    authKey: '',
    reservations6: [],
    options4: [],
    options6: [],
  };
}
