// Round trip over every option definition the standard registries hold (not only those Kea's
// all-options examples use): sample values -> payload -> Kea text -> payload gives the same bytes, and
// the decoded fields re-encode to the same bytes. Unknown codes round-trip untouched through Pkt4/Pkt6.
import t from 'tap';
import {
  decodeOptionValue,
  encodeOptionValue,
  fieldTexts,
  type OptionDataType,
  type OptionDefinition,
  optionValueToText,
  Pkt4,
  Pkt6,
  splitCsv,
  standardRegistry,
  type Universe,
} from '../../src/index.js';

const SAMPLES: Record<Exclude<OptionDataType, 'record' | 'internal' | 'empty'>, string[]> = {
  binary: ['0102AB'],
  boolean: ['true', 'false'],
  int8: ['-5', '7'],
  int16: ['-300', '300'],
  int32: ['-70000', '70000'],
  uint8: ['7', '200'],
  uint16: ['513', '4'],
  uint32: ['70000', '3600'],
  'ipv4-address': ['192.0.2.1', '198.51.100.7'],
  'ipv6-address': ['2001:db8::1', '2001:db8:1::2'],
  'ipv6-prefix': ['2001:db8::/48', '2001:db8:8::/56'],
  psid: ['3/4', '1/2'],
  string: ['abc', 'host-2'],
  fqdn: ['host.example.org.', 'mail.example.com.'],
  tuple: ['tuple one', 'two'],
};

// Options whose fields have meaning beyond their types (Kea's dedicated option classes).
const SPECIFIC: Record<string, string[]> = {
  'dhcp6.pd-exclude': ['2001:db8:0:1::/64'],
  'dhcp6.client-fqdn': ['1', 'host.example.org.'],
  'dhcp4.fqdn': ['5', '0', '0', 'host.example.org.'],
  'dhcp4.vendor-class-identifier': ['vendor'],
  // Enterprise number, then the class data as length-prefixed tuples (1-byte lengths in v4, 2 in v6).
  'dhcp4.vivco-suboptions': ['4491', '03616263'],
  'dhcp6.vendor-class': ['4491', '0003616263'],
};

function sample(type: OptionDataType, i: number): string {
  if (type === 'record' || type === 'internal' || type === 'empty') throw new Error(`no sample for ${type}`);
  const list = SAMPLES[type];
  return list[i % list.length]!;
}

function valuesFor(def: OptionDefinition): string[] {
  const specific = SPECIFIC[`${def.space}.${def.name}`];
  if (specific) return specific;
  if (def.type === 'empty') return [];
  if (def.type === 'record') {
    const values = def.recordTypes.map((ty, i) => sample(ty, i));
    if (def.array) values.push(sample(def.recordTypes[def.recordTypes.length - 1]!, 1));
    return values;
  }
  return def.array ? [sample(def.type, 0), sample(def.type, 1)] : [sample(def.type, 0)];
}

for (const universe of [4, 6] as Universe[]) {
  t.test(`every definition of the v${universe} registry round-trips`, async (t) => {
    const registry = standardRegistry(universe);
    const compared: string[] = [];
    const failures: string[] = [];
    const internal: string[] = [];
    for (const space of registry.spaces()) {
      for (const def of registry.definitions(space)) {
        const label = `${space}.${def.name} (${def.code})`;
        if (def.type === 'internal') {
          internal.push(label);
          continue;
        }
        try {
          const payload = encodeOptionValue(def, valuesFor(def), universe);
          const text = optionValueToText(def, payload, universe);
          const again = encodeOptionValue(def, splitCsv(text), universe);
          const fromFields = encodeOptionValue(
            def,
            fieldTexts(decodeOptionValue(def, payload, universe)),
            universe,
          );
          if (!again.equals(payload) || !fromFields.equals(payload)) {
            failures.push(`${label}: ${payload.toString('hex')} -> '${text}' -> ${again.toString('hex')}`);
          } else {
            compared.push(label);
          }
        } catch (e) {
          failures.push(`${label}: ${(e as Error).message}`);
        }
      }
    }
    t.same(failures, [], 'no definition fails its round trip');
    t.ok(compared.length > (universe === 4 ? 100 : 70), `${compared.length} definitions compared`);
    t.comment(
      `v${universe}: ${compared.length} round-tripped; internal (wire only, not configurable): ${internal.join(', ') || 'none'}`,
    );
  });
}

t.test('unknown option codes round-trip untouched', async (t) => {
  const p4 = new Pkt4(1);
  p4.setOption(250, Buffer.from([1, 2, 3]));
  p4.setOption(223, Buffer.alloc(0));
  const b4 = p4.pack();
  const back4 = Pkt4.parse(b4);
  t.same(back4.getOption(250), Buffer.from([1, 2, 3]));
  t.same(back4.getOption(223), Buffer.alloc(0));
  t.same(back4.pack(), b4, 'v4 bytes unchanged');

  const p6 = new Pkt6(1, 0x123456);
  p6.addOption(65000, Buffer.from('opaque'));
  const b6 = p6.pack();
  const back6 = Pkt6.parse(b6);
  t.same(back6.getOption(65000), Buffer.from('opaque'));
  t.same(back6.pack(), b6, 'v6 bytes unchanged');
});
