// client-classes in Dhcp4 and Dhcp6: the errors real Kea 2.2's `-t` gives (expression errors with the
// eval position and the test's file:line:column, undefined member(), duplicates, lifetime triplets),
// the class order and KNOWN dependency the engines rely on, guards and reservation classes.
import { parseJson } from '@kea-ts/cc';
import t from 'tap';
import { checkDhcp4Config, checkDhcp6Config } from '../../src/index.js';

function load4(classes: unknown, extra: Record<string, unknown> = {}) {
  const text = JSON.stringify({ Dhcp4: { 'client-classes': classes, ...extra } }, null, 1);
  const parsed = parseJson(text, { file: 'c.json' });
  return checkDhcp4Config((parsed.value as { Dhcp4: never }).Dhcp4, {
    file: 'c.json',
    positions: parsed.positions,
  });
}

function load6(classes: unknown) {
  const text = JSON.stringify({ Dhcp6: { 'client-classes': classes } }, null, 1);
  const parsed = parseJson(text, { file: 'c.json' });
  return checkDhcp6Config((parsed.value as { Dhcp6: never }).Dhcp6, {
    file: 'c.json',
    positions: parsed.positions,
  });
}

t.test('a malformed test fails with the eval error, its position and the key position', async (t) => {
  t.throws(() => load4([{ name: 'a', test: "substring(option[60].hex,0,9) = 'PXEClient'" }]), {
    message:
      /^c\.json:6:\d+: Dhcp4\.client-classes\[0\]\.test: expression: \[substring\(option\[60\]\.hex,0,9\) = 'PXEClient'\] error: <string>:1\.31: Invalid character: =$/,
  });
  t.throws(() => load4([{ name: 'a', test: '' }]), {
    message: /expression: \[\] error: <string>:1\.1: syntax error, unexpected end of file$/,
  });
});

t.test('member() names only built-in or earlier classes', async (t) => {
  t.throws(() => load4([{ name: 'a', test: "member('b')" }, { name: 'b' }]), {
    message: /expression: \[member\('b'\)\] error: <string>:1\.8-10: Not defined client class 'b'/,
  });
  const c = load4([{ name: 'b' }, { name: 'a', test: "member('b') or member('VENDOR_CLASS_x')" }]);
  t.equal(c.classes.size, 2);
});

t.test('duplicates, empty names and lifetime triplets are refused as Kea does', async (t) => {
  t.throws(() => load4([{ name: 'a' }, { name: 'a' }]), {
    message: /Can't add class: Client Class: a has already been defined/,
  });
  t.throws(() => load4([{ name: '' }]), { message: /not empty parameter 'name' is required/ });
  t.throws(() => load4([{ name: 'a', 'valid-lifetime': 5, 'min-valid-lifetime': 10 }]), {
    message: /the value of min-valid-lifetime \(10\) is not less than \(default\) valid-lifetime \(5\)/,
  });
  t.throws(() => load4([{ name: 'a', 'preferred-lifetime': 5 }]), { message: /preferred-lifetime/ });
  t.throws(() => load6([{ name: 'a', 'next-server': '1.2.3.4' }]), { message: /next-server/ });
  t.throws(() => load6([{ name: 'a', 'preferred-lifetime': 5, 'min-preferred-lifetime': 10 }]), {
    message:
      /the value of min-preferred-lifetime \(10\) is not less than \(default\) preferred-lifetime \(5\)/,
  });
});

t.test('KNOWN dependency is carried through member(); only-if-required classes wait', async (t) => {
  const c = load4([
    { name: 'k', test: "member('KNOWN')" },
    { name: 'viaK', test: "member('k') and option[60].exists" },
    { name: 'plain', test: 'option[60].exists' },
    { name: 'late', test: 'option[60].exists', 'only-if-required': true },
    { name: 'noTest' },
  ]);
  t.same(
    c.classes.early.map((x) => x.name),
    ['plain'],
  );
  t.same(
    c.classes.afterHost.map((x) => x.name),
    ['k', 'viaK'],
  );
  t.equal(c.classes.get('pxe'), undefined);
  t.same(c.classes.get('noTest')?.test, undefined);
});

t.test('guards on networks, subnets and pools; reservation classes', async (t) => {
  const c = load4([{ name: 'a' }], {
    subnet4: [
      {
        subnet: '10.0.0.0/24',
        'client-class': 'a',
        'require-client-classes': ['a'],
        pools: [{ pool: '10.0.0.10-10.0.0.20', 'client-class': 'a' }, { pool: '10.0.0.30-10.0.0.40' }],
        reservations: [{ 'hw-address': '01:02:03:04:05:06', 'client-classes': ['a'] }],
      },
    ],
  });
  const s = c.subnets[0]!;
  t.equal(s.clientClass, 'a');
  t.same(s.requireClasses, ['a']);
  t.equal(s.pools[0]!.clientClass, 'a');
  t.equal(s.pools[1]!.clientClass, undefined);
  t.same(s.reservations[0]!.clientClasses, ['a']);
});
