// extend(): a config's option-def entries, with Kea 2.2's rules (CfgOptionDef::add): no duplicate code
// or name in one space, no redefinition of a standard option in Kea's own spaces, while vendor spaces
// and option 43 may be redefined. Also universeOf() for standard, vendor and user spaces.
import t from 'tap';
import {
  DhcpConfigError,
  defineOption,
  ERR_DHCP_CONFIG,
  type OptionDefinition,
  standardRegistry,
} from '../../src/index.js';

const def = (space: string, name: string, code: number, encapsulate = ''): OptionDefinition =>
  defineOption(space, { name, code, type: 'uint8', encapsulate });

t.test('user definitions are added to a copy', (t) => {
  const base = standardRegistry(4);
  const mine = def('my-space', 'my-opt', 1);
  const extended = base.extend([mine, def('dhcp4', 'site-opt', 224)]);
  t.equal(extended.get('my-space', 1), mine);
  t.equal(extended.getByName('my-space', 'my-opt'), mine);
  t.equal(extended.getByName('dhcp4', 'site-opt')?.code, 224);
  t.equal(base.get('my-space', 1), undefined, 'the standard registry is untouched');
  t.equal(base.get('dhcp4', 224), undefined);
  t.ok(extended.spaces().includes('my-space'));
  t.notOk(base.spaces().includes('my-space'));
  t.equal(extended.definitions('dhcp4').length, base.definitions('dhcp4').length + 1);
  t.equal(extended.get('dhcp4', 1)?.name, 'subnet-mask', 'standard ones stay');
  t.notOk(extended.isStandard(mine));
  t.ok(extended.isStandard(extended.get('dhcp4', 1)!));
  t.same(extended.userDefinitions('my-space'), [mine]);
  t.equal(extended.userDefinitions().length, 2);
  t.end();
});

t.test('extend chains keep earlier user definitions and their checks', (t) => {
  const once = standardRegistry(6).extend([def('a', 'x', 1)]);
  const twice = once.extend([def('a', 'y', 2)]);
  t.equal(twice.get('a', 1)?.name, 'x');
  t.equal(twice.get('a', 2)?.name, 'y');
  t.throws(() => twice.extend([def('a', 'z', 1)]), /code '1' already exists in option space 'a'/);
  t.end();
});

t.test("Kea's refusals, as DhcpConfigError", (t) => {
  const v4 = standardRegistry(4);
  const v6 = standardRegistry(6);
  const cases: [() => unknown, RegExp][] = [
    [
      () => v4.extend([def('s', 'a', 1), def('s', 'b', 1)]),
      /^option definition with code '1' already exists in option space 's'$/,
    ],
    [
      () => v4.extend([def('s', 'a', 1), def('s', 'a', 2)]),
      /^option definition with name 'a' already exists in option space 's'$/,
    ],
    [
      () => v4.extend([def('dhcp4', 'my-routers', 3)]),
      /^unable to override definition of option '3' in standard option space 'dhcp4'$/,
    ],
    [
      () => v4.extend([def('dhcp4', 'routers', 200)]),
      /^unable to override definition of option 'routers' in standard option space 'dhcp4'$/,
    ],
    [
      () => v6.extend([def('dhcp6', 'x', 23)]),
      /unable to override definition of option '23' in standard option space 'dhcp6'/,
    ],
    [
      () => v6.extend([def('s46-rule-options', 'x', 93)]),
      /unable to override definition of option '93' in standard option space 's46-rule-options'/,
    ],
    [() => v6.extend([def('4o6', 'x', 60000)]), /standard option space '4o6'/],
    [() => v4.extend([def('docsis3-v4', 'x', 1)]), /standard option space 'docsis3-v4'/],
    // A kea-dhcp4 config may not redefine dhcp6 options either: the standard spaces are global.
    [() => v4.extend([def('dhcp6', 'x', 1)]), /standard option space 'dhcp6'/],
    [() => v4.extend([def('x', 'y', 1)], 6), /DHCPv6 option definitions cannot extend the DHCPv4/],
  ];
  for (const [fn, message] of cases) {
    let caught: unknown;
    try {
      fn();
    } catch (err) {
      caught = err;
    }
    t.ok(caught instanceof DhcpConfigError, String(message));
    t.equal((caught as DhcpConfigError).code, ERR_DHCP_CONFIG);
    t.match((caught as Error).message, message);
  }
  t.end();
});

t.test('what Kea lets a config redefine', (t) => {
  const v4 = standardRegistry(4);
  // Option 43 is only a last-resort definition: a config's own format wins.
  const pxe = def('dhcp4', 'vendor-encapsulated-options', 43, 'pxe-space');
  const withPxe = v4.extend([pxe]);
  t.equal(v4.get('dhcp4', 43)?.encapsulate, 'vendor-encapsulated-options-space');
  t.equal(withPxe.get('dhcp4', 43), pxe);
  t.equal(withPxe.getByName('dhcp4', 'vendor-encapsulated-options'), pxe);

  // Vendor spaces are not Kea's standard spaces by name, so user definitions shadow DOCSIS ones.
  const oro = def('vendor-4491', 'my-oro', 1);
  const withOro = v4.extend([oro]);
  t.equal(withOro.get('vendor-4491', 1), oro);
  t.equal(withOro.getByName('vendor-4491', 'tftp-servers')?.code, 2);
  // As in Kea, a lookup by name that no user definition answers falls through to the vendor table.
  t.equal(withOro.getByName('vendor-4491', 'oro')?.type, 'uint8');
  t.equal(withOro.getByName('vendor-4491', 'oro')?.code, 1);
  t.notOk(
    withOro.definitions('vendor-4491').some((d) => d.name === 'oro'),
    'listing shows the effective code 1',
  );

  // New codes in the top-level spaces are fine (Kea's all-options.json adds dhcp6 111).
  t.equal(
    standardRegistry(6)
      .extend([def('dhcp6', 's46-priority', 111)])
      .get('dhcp6', 111)?.name,
    's46-priority',
  );
  t.end();
});

t.test('universeOf', (t) => {
  const v4 = standardRegistry(4);
  const v6 = standardRegistry(6);
  for (const registry of [v4, v6]) {
    for (const space of [
      'dhcp4',
      'dhcp-agent-options-space',
      'vendor-encapsulated-options-space',
      'docsis3-v4',
    ]) {
      t.equal(registry.universeOf(space), 4, space);
    }
    for (const space of [
      'dhcp6',
      'rsoo-opts',
      's46-cont-mape-options',
      's46-rule-options',
      '4o6',
      'docsis3-v6',
    ]) {
      t.equal(registry.universeOf(space), 6, space);
    }
  }
  t.equal(v4.universeOf('vendor-4491'), 4, 'vendor spaces take the daemon universe');
  t.equal(v6.universeOf('vendor-4491'), 6);
  t.equal(v4.universeOf('unknown'), 4, 'a free-standing user space takes the daemon universe');
  t.equal(v6.universeOf('unknown'), 6);

  // In kea-dhcp4, a space reached from a dhcp6 option is a v6 space, also through a chain of user spaces
  // listed bottom-up.
  const chained = v4.extend([
    def('inner', 'leaf', 1),
    def('outer', 'mid', 2, 'inner'),
    def('dhcp6', 'top', 200, 'outer'),
    def('dhcp4', 'v4top', 225, 'v4space'),
  ]);
  t.equal(chained.universeOf('outer'), 6);
  t.equal(chained.universeOf('inner'), 6);
  t.equal(chained.universeOf('v4space'), 4);
  t.end();
});
