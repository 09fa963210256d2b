// The checked Dhcp4 configuration as the engine sees it: subnets with pools, options resolved to
// payloads, reservations, shared networks, and every scoped parameter both as set at each level
// (config-get shows those) and resolved through Kea's inheritance (subnet > shared network > global).
import type { OptionDefinition, OptionRegistry } from '@kea-ts/dhcp';
import type { ScopedKey } from '../parsers/fields.js';
import type { Dhcp4Input } from '../parsers/globals-schema.js';
import type { ClassDictionary, ClassGuard } from './classes.js';

/** The scoped parameters explicitly set at one level, with Kea's key names. */
export type ScopedParams = Partial<Pick<Dhcp4Input, ScopedKey>>;

/** Every scoped parameter resolved for one subnet or shared network (defaults filled in). */
export interface EffectiveParams {
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
  authoritative: boolean;
  'match-client-id': boolean;
  /** next-server as a number (0 when unset). */
  'next-server': number;
  'server-hostname': string;
  'boot-file-name': string;
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

/** One option-data entry resolved to its payload, sub-options of the same level appended. */
export interface CfgOption {
  readonly code: number;
  readonly space: string;
  readonly def?: OptionDefinition;
  readonly payload: Buffer;
  readonly alwaysSend: boolean;
  readonly csvFormat: boolean;
  /** The data text as configured ('' when none). */
  readonly data: string;
  readonly userContext?: Record<string, unknown>;
}

export interface Pool4 extends ClassGuard {
  readonly first: number;
  readonly last: number;
  /** Given (or equal to) a prefix: config-get shows it as 'prefix/len'. */
  readonly prefixLength?: number;
  readonly options: readonly CfgOption[];
  readonly userContext?: Record<string, unknown>;
}

export const IDENTIFIER_TYPES = ['hw-address', 'duid', 'circuit-id', 'client-id', 'flex-id'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export interface Host4 {
  /** 0 for a global reservation. */
  readonly subnetId: number;
  readonly identifierType: IdentifierType;
  readonly identifier: Buffer;
  readonly ipAddress?: number;
  readonly hostname: string;
  readonly options: readonly CfgOption[];
  readonly nextServer: number;
  readonly serverHostname: string;
  readonly bootFileName: string;
  /** client-classes of the reservation, added to the packet's classes. */
  readonly clientClasses: readonly string[];
  readonly userContext?: Record<string, unknown>;
}

export interface Subnet4 extends ClassGuard {
  readonly id: number;
  readonly network: number;
  readonly prefixLength: number;
  /** First and last address of the prefix. */
  readonly first: number;
  readonly last: number;
  readonly pools: readonly Pool4[];
  readonly options: readonly CfgOption[];
  readonly reservations: readonly Host4[];
  /** Explicit relay addresses, or the shared network's when the subnet sets none. */
  readonly relayAddresses: readonly number[];
  readonly relayExplicit: boolean;
  /** The interface, explicit or the shared network's. */
  readonly interface?: string;
  /** The interface as the subnet itself sets it (config-get shows only that). */
  readonly explicitInterface?: string;
  readonly sharedNetwork?: SharedNetwork4;
  readonly explicit: ScopedParams;
  readonly effective: EffectiveParams;
  readonly fourOverSix: { interface: string; interfaceId: string; subnet: string };
  readonly userContext?: Record<string, unknown>;
}

export interface SharedNetwork4 extends ClassGuard {
  readonly name: string;
  readonly subnets: Subnet4[];
  readonly options: readonly CfgOption[];
  readonly relayAddresses: readonly number[];
  readonly interface?: string;
  readonly explicit: ScopedParams;
  readonly effective: EffectiveParams;
  readonly userContext?: Record<string, unknown>;
}

export interface Dhcp4Config {
  /** The checked input map (config-get's non-modelled parts come from it). */
  readonly section: Dhcp4Input;
  readonly registry: OptionRegistry;
  readonly userDefs: readonly { def: OptionDefinition; userContext?: Record<string, unknown> }[];
  readonly explicit: ScopedParams;
  readonly effective: EffectiveParams;
  readonly options: readonly CfgOption[];
  readonly subnets: readonly Subnet4[];
  readonly sharedNetworks: readonly SharedNetwork4[];
  readonly globalReservations: readonly Host4[];
  readonly classes: ClassDictionary;
  readonly lookups: import('./lookups.js').Subnet4Lookups;
}
