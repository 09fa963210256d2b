// Where Kea 2.2 does not build an option from its definition alone. Some standard options get a
// dedicated class (OptionDefinition::factorySpecialFormatOption) whose wire form or sub-option space
// differs from what the table row says, e.g. ia-na is a plain record in the table yet carries 'dhcp6'
// sub-options; and some v4 options are parsed only after classification (deferred). The codec's
// definition-driven layer consults this before falling back to the generic record/array rules.
import type { OptionDefinition, Universe } from '../types.js';
import { DHCP4_SPACE } from './dhcp4.js';
import { DHCP6_SPACE } from './dhcp6.js';

export type KeaSpecialFormat =
  /** IAID, T1, T2 (ia-na, ia-pd), then sub-options of 'dhcp6'. */
  | 'ia'
  /** Address, preferred and valid lifetimes, then sub-options of 'dhcp6'. */
  | 'iaaddr'
  /** Lifetimes, prefix length, prefix, then sub-options of 'dhcp6'. */
  | 'iaprefix'
  /** Client FQDN (v4 81: flags, rcode1, rcode2, name; v6 39: flags, name); the name may be partial. */
  | 'client-fqdn'
  /** Enterprise number, then sub-options of 'vendor-<enterprise>'; in v4 (125) behind a data-len byte. */
  | 'vendor-opts'
  /**
   * Enterprise number, then class data tuples: 2-byte lengths in v6 (16); 1-byte in v4 (124), where
   * Kea reads any further enterprise number before a tuple and keeps only the first one.
   */
  | 'vendor-class'
  /** Status code (uint16) and a UTF-8 message. */
  | 'status-code'
  /** An array of opaque data tuples with 2-byte lengths (bootfile-param). */
  | 'tuple-array'
  /** A prefix whose bits are relative to the delegated prefix of the enclosing iaprefix. */
  | 'pd-exclude'
  /** Mandatory flag and a scope list string (slp-service-scope). */
  | 'slp-service-scope'
  /** A list of domain names that may use RFC 1035 compression (any v4 fqdn array). */
  | 'compressed-fqdn-list';

export interface SpecialFormat {
  readonly format: KeaSpecialFormat;
  /** The space of the sub-options after the fixed fields ('' when none, or when data decides). */
  readonly suboptionSpace: string;
}

const V6_SPECIAL: ReadonlyMap<number, SpecialFormat> = new Map<number, SpecialFormat>([
  [3, { format: 'ia', suboptionSpace: DHCP6_SPACE }],
  [25, { format: 'ia', suboptionSpace: DHCP6_SPACE }],
  [5, { format: 'iaaddr', suboptionSpace: DHCP6_SPACE }],
  [26, { format: 'iaprefix', suboptionSpace: DHCP6_SPACE }],
  [39, { format: 'client-fqdn', suboptionSpace: '' }],
  [17, { format: 'vendor-opts', suboptionSpace: '' }],
  [16, { format: 'vendor-class', suboptionSpace: '' }],
  [13, { format: 'status-code', suboptionSpace: '' }],
  [60, { format: 'tuple-array', suboptionSpace: '' }],
  [67, { format: 'pd-exclude', suboptionSpace: '' }],
]);

const V4_SPECIAL: ReadonlyMap<number, SpecialFormat> = new Map<number, SpecialFormat>([
  [79, { format: 'slp-service-scope', suboptionSpace: '' }],
  [81, { format: 'client-fqdn', suboptionSpace: '' }],
  [124, { format: 'vendor-class', suboptionSpace: '' }],
  [125, { format: 'vendor-opts', suboptionSpace: '' }],
]);

const COMPRESSED_FQDN_LIST: SpecialFormat = Object.freeze({
  format: 'compressed-fqdn-list',
  suboptionSpace: '',
});

/**
 * The dedicated format Kea uses for a definition, or undefined when the generic rules apply. As in
 * Kea, the code-based formats apply only to definitions in the top-level spaces, and any DHCPv4 array
 * of fqdn (standard or user-defined) is a compressed name list.
 */
export function specialFormatOf(def: OptionDefinition, universe: Universe): SpecialFormat | undefined {
  if (universe === 6 && def.space === DHCP6_SPACE) return V6_SPECIAL.get(def.code);
  if (universe === 4) {
    const special = def.space === DHCP4_SPACE ? V4_SPECIAL.get(def.code) : undefined;
    if (special) return special;
    if (def.type === 'fqdn' && def.array) return COMPRESSED_FQDN_LIST;
  }
  return undefined;
}

/**
 * Kea leaves these DHCPv4 options as raw bytes when a packet is parsed and decodes them after
 * classification, since a client class may bring its own option-def for them: option 43 and the
 * site-specific range 224-254, in 'dhcp4' only.
 */
export function isDeferredV4Option(space: string, code: number): boolean {
  return space === DHCP4_SPACE && (code === 43 || (code >= 224 && code <= 254));
}
