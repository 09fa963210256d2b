// The package-order check: clean on this workspace, and failing (with a line naming the culprit) when a
// lower package depends on or imports a higher one.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { repoRoot, runSync, type Teardown, tempDir } from './lib/harness.js';

const script = join(repoRoot, 'scripts', 'check-package-order.mjs');

function run(root: string) {
  return runSync(process.execPath, [script, root]);
}

function fakeWorkspace(t: Teardown) {
  const root = tempDir(t);
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(repoRoot, 'scripts', 'package-order.json'), join(root, 'scripts', 'package-order.json'));
  const pkg = (name: string, deps: string[], source: string) => {
    const dir = join(root, 'packages', name);
    mkdirSync(join(dir, 'src'), { recursive: true });
    const dependencies = Object.fromEntries(deps.map((d) => [`@kea-ts/${d}`, 'workspace:*']));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `@kea-ts/${name}`, dependencies }));
    writeFileSync(join(dir, 'src', 'index.ts'), source);
  };
  return { root, pkg };
}

t.test('this workspace follows the order', async (t) => {
  const out = run(repoRoot);
  t.equal(out.status, 0, out.stderr);
});

t.test('a downward dependency is fine', async (t) => {
  const { root, pkg } = fakeWorkspace(t);
  pkg('util', [], 'export const x = 1;\n');
  pkg('cc', ['util'], "import { x } from '@kea-ts/util';\nexport const y = x;\n");
  const out = run(root);
  t.equal(out.status, 0, out.stderr);
});

t.test('a lower package declaring a higher one fails', async (t) => {
  const { root, pkg } = fakeWorkspace(t);
  pkg('util', ['cc'], 'export const x = 1;\n');
  pkg('cc', [], 'export const y = 1;\n');
  const out = run(root);
  t.equal(out.status, 1);
  t.match(
    out.stderr,
    /packages\/util .*@kea-ts\/util may not depend on @kea-ts\/cc, a package later in the order/,
  );
});

t.test('a lower package importing a higher one without declaring it fails', async (t) => {
  const { root, pkg } = fakeWorkspace(t);
  pkg('util', [], "import { y } from '@kea-ts/cc';\nexport const x = y;\n");
  pkg('cc', [], 'export const y = 1;\n');
  const out = run(root);
  t.equal(out.status, 1);
  t.match(out.stderr, /packages\/util\/src\/index\.ts: imports @kea-ts\/cc without declaring it/);
  t.match(out.stderr, /may not depend on @kea-ts\/cc/);
});

t.test('one program importing another fails', async (t) => {
  const { root, pkg } = fakeWorkspace(t);
  pkg('kea-dhcp4', [], 'export const a = 1;\n');
  pkg('kea-ctrl-agent', ['kea-dhcp4'], "import { a } from '@kea-ts/kea-dhcp4';\nexport const b = a;\n");
  const out = run(root);
  t.equal(out.status, 1);
  t.match(out.stderr, /a peer in the same group/);
});

t.test('a package missing from the order fails', async (t) => {
  const { root, pkg } = fakeWorkspace(t);
  pkg('mystery', [], 'export {};\n');
  const out = run(root);
  t.equal(out.status, 1);
  t.match(out.stderr, /@kea-ts\/mystery is not in scripts\/package-order.json/);
});
