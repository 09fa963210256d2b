// The checked Dhcp6 configuration as the engine sees it: subnets with address pools and pd-pools,
// options resolved to payloads, reservations (addresses and prefixes), shared networks, the server
// identity, and every scoped parameter both as set at each level (config-get shows those) and resolved
// through Kea's inheritance (subnet > shared network > global > default). Addresses are 16-byte Buffers.
import type { OptionDefinition, OptionRegistry } from '@kea-ts/dhcp';
import type { ScopedKey6 } from '../parsers/fields6.js';
import type { Dhcp6Input } from '../parsers/globals6-schema.js';
import type { ClassDictionary, ClassGuard } from './classes.js';
import type { Subnet6Lookups } from './lookups6.js';
import type { CfgOption } from './types.js';

/** The scoped parameters explicitly set at one level, with Kea's key names. */
export type ScopedParams6 = Partial<Pick<Dhcp6Input, ScopedKey6>>;

/** Every scoped parameter resolved for one subnet, shared network or the global level. */
export interface EffectiveParams6 {
  'preferred-lifetime': number;
  'min-preferred-lifetime': number;
  'max-preferred-lifetime': number;
  'valid-lifetime': number;
  'min-valid-lifetime': number;
  'max-valid-lifetime': number;
  'renew-timer'?: number;
  'rebind-timer'?: number;
  'calculate-tee-times': boolean;
  't1-percent': number;
  't2-percent': number;
  'cache-threshold'?: number;
  'cache-max-age'?: number;
  'store-extended-info': boolean;
  'reservations-global': boolean;
  'reservations-in-subnet': boolean;
  'reservations-out-of-pool': boolean;
  'ddns-send-updates': boolean;
  'ddns-override-no-update': boolean;
  'ddns-override-client-update': boolean;
  'ddns-replace-client-name': string;
  'ddns-generated-prefix': string;
  'ddns-qualifying-suffix': string;
  'ddns-update-on-renew': boolean;
  'ddns-use-conflict-resolution': boolean;
  'hostname-char-set': string;
  'hostname-char-replacement': string;
}

export interface Pool6 extends ClassGuard {
  readonly first: Buffer;
  readonly last: Buffer;
  /** Given as (or equal to) a prefix: config-get shows it as 'prefix/len'. */
  readonly prefixLength?: number;
  readonly options: readonly CfgOption[];
  readonly userContext?: Record<string, unknown>;
}

export interface PdPool6 extends ClassGuard {
  /** The pool's prefix (masked to prefixLength) and its last address. */
  readonly prefix: Buffer;
  readonly last: Buffer;
  readonly prefixLength: number;
  readonly delegatedLength: number;
  /** The PD-exclude prefix (RFC 6603) carved out of every delegated prefix; length 0 when none. */
  readonly excludedPrefix?: Buffer;
  readonly excludedPrefixLength: number;
  readonly options: readonly CfgOption[];
  readonly userContext?: Record<string, unknown>;
}

export const IDENTIFIER_TYPES6 = ['hw-address', 'duid', 'flex-id'] as const;
export type IdentifierType6 = (typeof IDENTIFIER_TYPES6)[number];

export interface ReservedPrefix {
  readonly address: Buffer;
  readonly length: number;
}

export interface Host6 {
  /** 0 for a global reservation. */
  readonly subnetId: number;
  readonly identifierType: IdentifierType6;
  readonly identifier: Buffer;
  readonly ipAddresses: readonly Buffer[];
  readonly prefixes: readonly ReservedPrefix[];
  readonly hostname: string;
  readonly options: readonly CfgOption[];
  readonly clientClasses: readonly string[];
  readonly userContext?: Record<string, unknown>;
}

export interface Subnet6 extends ClassGuard {
  readonly id: number;
  /** The subnet's prefix, masked. */
  readonly prefix: Buffer;
  readonly prefixLength: number;
  /** First and last address of the prefix. */
  readonly first: Buffer;
  readonly last: Buffer;
  readonly pools: readonly Pool6[];
  readonly pdPools: readonly PdPool6[];
  readonly options: readonly CfgOption[];
  readonly reservations: readonly Host6[];
  /** Explicit relay addresses, or the shared network's when the subnet sets none. */
  readonly relayAddresses: readonly Buffer[];
  readonly relayExplicit: boolean;
  /** The interface, explicit or the shared network's. */
  readonly interface?: string;
  /** The interface as the subnet itself sets it (config-get shows only that). */
  readonly explicitInterface?: string;
  /** The interface-id option's content (relay-supplied), explicit or the shared network's. */
  readonly interfaceId?: Buffer;
  readonly explicitInterfaceId?: string;
  /** rapid-commit: the subnet's, else the shared network's, else false. */
  readonly rapidCommit: boolean;
  readonly explicitRapidCommit?: boolean;
  readonly sharedNetwork?: SharedNetwork6;
  readonly explicit: ScopedParams6;
  readonly effective: EffectiveParams6;
  readonly userContext?: Record<string, unknown>;
}

export interface SharedNetwork6 extends ClassGuard {
  readonly name: string;
  readonly subnets: Subnet6[];
  readonly options: readonly CfgOption[];
  readonly relayAddresses: readonly Buffer[];
  readonly interface?: string;
  readonly interfaceId?: string;
  readonly rapidCommit: boolean;
  readonly explicit: ScopedParams6;
  readonly effective: EffectiveParams6;
  readonly userContext?: Record<string, unknown>;
}

export const SERVER_ID_TYPES = ['LLT', 'EN', 'LL'] as const;

/** The server-id map as configured (Kea generates the missing parts when it creates the DUID). */
export interface ServerIdConfig {
  readonly type: (typeof SERVER_ID_TYPES)[number];
  /** Empty when Kea should pick one (a MAC address for LLT/LL, random bytes for EN). */
  readonly identifier: Buffer;
  readonly htype: number;
  readonly time: number;
  readonly enterpriseId: number;
  readonly persist: boolean;
  readonly userContext?: Record<string, unknown>;
}

export interface Dhcp6Config {
  /** The checked input map (config-get's non-modelled parts come from it). */
  readonly section: Dhcp6Input;
  readonly registry: OptionRegistry;
  readonly userDefs: readonly { def: OptionDefinition; userContext?: Record<string, unknown> }[];
  readonly explicit: ScopedParams6;
  readonly effective: EffectiveParams6;
  readonly options: readonly CfgOption[];
  readonly subnets: readonly Subnet6[];
  readonly sharedNetworks: readonly SharedNetwork6[];
  readonly globalReservations: readonly Host6[];
  readonly classes: ClassDictionary;
  readonly serverId: ServerIdConfig;
  /** data-directory as set (undefined: Kea's build-time default, where kea-dhcp6-serverid lives). */
  readonly dataDirectory?: string;
  /** mac-sources with Kea's aliases resolved (rfc6939 -> client-link-addr-option, ...). */
  readonly macSources: readonly string[];
  /** Option codes relays may supply to clients: 65 (ERP local domain) always, sorted, unique. */
  readonly relaySuppliedOptions: readonly number[];
  readonly lookups: Subnet6Lookups;
}
