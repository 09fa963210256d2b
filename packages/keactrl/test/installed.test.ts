// "not installed" must mean the binary cannot run: missing, not executable, or a workspace launcher
// whose package is not compiled.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { checkInstalled } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'keactrl-inst-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('missing and non-executable binaries', async (t) => {
  t.same(checkInstalled(join(dir, 'nope')), { installed: false, reason: `no ${join(dir, 'nope')}` });
  const plain = join(dir, 'plain');
  writeFileSync(plain, '#!/bin/sh\n');
  chmodSync(plain, 0o644);
  // root may read anything but still needs an x bit to execute.
  t.match(checkInstalled(plain), { installed: false });
  chmodSync(plain, 0o755);
  t.same(checkInstalled(plain), { installed: true });
});

t.test('a workspace launcher counts once dist/src/main.js exists, also through a symlink', async (t) => {
  const pkg = join(dir, 'packages', 'kea-dhcp4');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), '{}');
  writeFileSync(join(pkg, 'bin', 'kea-dhcp4'), '#!/bin/sh\n', { mode: 0o755 });
  const link = join(dir, 'sbin-kea-dhcp4');
  symlinkSync(join(pkg, 'bin', 'kea-dhcp4'), link);
  t.match(checkInstalled(link), { installed: false, reason: /is not built \(no .*dist\/src\/main\.js\)/ });
  mkdirSync(join(pkg, 'dist', 'src'), { recursive: true });
  writeFileSync(join(pkg, 'dist', 'src', 'main.js'), '');
  t.same(checkInstalled(link), { installed: true });
});
