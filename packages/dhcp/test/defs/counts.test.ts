// Table sizes and uniqueness. Counts are those of Kea-2.2.0 src/lib/dhcp/std_option_defs.h
// (STANDARD_V4_OPTION_DEFINITIONS 113, LAST_RESORT_V4 1, STANDARD_V6 72, ISC_V6 3, MAPE 2, MAPT 2,
// LW 2, V4V6_RULE 1, V4V6_BIND 1) and docsis3_option_defs.h (DOCSIS3_V4 2, DOCSIS3_V6 10).
import t from 'tap';
import {
  DHCP4_DEFINITIONS,
  DHCP6_DEFINITIONS,
  DOCSIS3_V4_DEFINITIONS,
  DOCSIS3_V6_DEFINITIONS,
  LAST_RESORT_V4_DEFINITIONS,
  OPTION_DATA_TYPES,
  type OptionDefinition,
  standardRegistry,
} from '../../src/index.js';

t.test('table sizes match Kea 2.2', (t) => {
  t.equal(DHCP4_DEFINITIONS.length, 113);
  t.equal(LAST_RESORT_V4_DEFINITIONS.length, 1);
  t.equal(DHCP6_DEFINITIONS.length, 72);
  t.equal(DOCSIS3_V4_DEFINITIONS.length, 2);
  t.equal(DOCSIS3_V6_DEFINITIONS.length, 10);
  t.end();
});

t.test('definitions per space as each daemon sees them', (t) => {
  const v4 = standardRegistry(4);
  const v6 = standardRegistry(6);
  const expected: [string, number, number][] = [
    // space, seen by kea-dhcp4, seen by kea-dhcp6
    ['dhcp4', 114, 114], // 113 standard + option 43 as last resort
    ['dhcp6', 72, 72],
    ['dhcp-agent-options-space', 0, 0],
    ['vendor-encapsulated-options-space', 0, 0],
    ['rsoo-opts', 0, 0],
    ['s46-cont-mape-options', 2, 2],
    ['s46-cont-mapt-options', 2, 2],
    ['s46-cont-lw-options', 2, 2],
    ['s46-rule-options', 1, 1],
    ['s46-v4v6bind-options', 1, 1],
    ['4o6', 3, 3],
    ['vendor-4491', 2, 10],
    ['vendor-2495', 0, 3],
    // Kea's internal names of the DOCSIS tables, usable as spaces in configs (all-options.json does).
    ['docsis3-v4', 2, 2],
    ['docsis3-v6', 10, 10],
  ];
  for (const [space, n4, n6] of expected) {
    t.equal(v4.definitions(space).length, n4, `${space} in v4`);
    t.equal(v6.definitions(space).length, n6, `${space} in v6`);
  }
  t.same(
    v4.spaces(),
    expected
      .filter(([space]) => space !== 'vendor-2495')
      .map(([space]) => space)
      .sort(),
  );
  t.same(v6.spaces(), expected.map(([space]) => space).sort());
  t.end();
});

t.test('codes and names are unique per space, fields are sane', (t) => {
  for (const registry of [standardRegistry(4), standardRegistry(6)]) {
    for (const space of registry.spaces()) {
      const defs: readonly OptionDefinition[] = registry.definitions(space);
      t.equal(new Set(defs.map((d) => d.code)).size, defs.length, `codes in ${space}`);
      t.equal(new Set(defs.map((d) => d.name)).size, defs.length, `names in ${space}`);
      for (const def of defs) {
        t.equal(def.space, space);
        t.ok(OPTION_DATA_TYPES.includes(def.type), `${space}.${def.name} type`);
        t.equal(def.recordTypes.length > 0, def.type === 'record', `${space}.${def.name} record fields`);
        t.ok(Object.isFrozen(def), `${space}.${def.name} frozen`);
        const max = registry.universeOf(space) === 4 ? 254 : 65535;
        t.ok(def.code >= 1 && def.code <= max, `${space}.${def.name} code ${def.code}`);
      }
    }
  }
  t.end();
});

t.test('the standard registry is built once per universe', (t) => {
  t.equal(standardRegistry(4), standardRegistry(4));
  t.equal(standardRegistry(6), standardRegistry(6));
  t.not(standardRegistry(4), standardRegistry(6));
  t.equal(standardRegistry(4).universe, 4);
  t.equal(standardRegistry(6).universe, 6);
  t.end();
});
