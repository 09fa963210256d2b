#!/usr/bin/env node
// config4 capture: asks real Kea 2.2 (kea-dhcp4) what it makes of a corpus of Dhcp4 configs, as fixtures
// for @kea-ts/dhcpsrv's config oracle tests (packages/dhcpsrv/test/cfg/).
//
//   node scripts/capture/config4/capture.mjs      (no root needed: no interfaces are opened)
//
// Valid corpus: Kea's own examples (adapted, see adaptExample) plus our own configs (valid-cases.mjs).
// Each is written to packages/dhcpsrv/test/fixtures/config4/valid/<name>.json, run with kea-dhcp4 -c
// (PID/lock files in a temp dir, memfile persist false, interfaces []), asked `config-get` over its UNIX
// socket with @kea-ts/config's sendUnixCommand, and the answer's Dhcp4 map is stored beside it as
// <name>.config-get.json.
// Invalid corpus (invalid-cases.mjs): each is written to invalid/<name>.json and checked with
// `kea-dhcp4 -t`; Kea's verdict (exit code, last error line) goes to invalid/verdicts.json together with
// the key path our checker must name.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readKeaJson } from '../lib/json-comments.mjs';
import { INVALID_CASES } from './invalid-cases.mjs';
import { EXAMPLES, OWN_CASES, SOCKET } from './valid-cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const outDir = join(root, 'packages/dhcpsrv/test/fixtures/config4');
const { sendUnixCommand } = await import(pathToFileURL(join(root, 'packages/config/dist/src/index.js')).href);

function write(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function configGet(file) {
  const dir = mkdtempSync(join(tmpdir(), 'kea4-config-'));
  rmSync(SOCKET, { force: true });
  mkdirSync(dirname(SOCKET), { recursive: true });
  const env = {
    ...process.env,
    KEA_PIDFILE_DIR: dir,
    KEA_LOCKFILE_DIR: dir,
    KEA_LOGGER_DESTINATION: 'stdout',
  };
  const proc = spawn('/usr/sbin/kea-dhcp4', ['-c', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => {
    log += d;
  });
  proc.stderr.on('data', (d) => {
    log += d;
  });
  try {
    const end = Date.now() + 15000;
    while (!/DHCP4_STARTED/.test(log)) {
      if (proc.exitCode !== null) throw new Error(`kea-dhcp4 exited on ${file}:\n${log}`);
      if (Date.now() > end) throw new Error(`kea-dhcp4 did not start on ${file}:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const answer = await sendUnixCommand(SOCKET, { command: 'config-get' });
    if (answer.result !== 0) throw new Error(`config-get failed: ${JSON.stringify(answer)}`);
    return answer.arguments.Dhcp4;
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const validDir = join(outDir, 'valid');
  const invalidDir = join(outDir, 'invalid');
  mkdirSync(validDir, { recursive: true });
  mkdirSync(invalidDir, { recursive: true });
  const cases = [
    ...EXAMPLES.map(([name, adapt]) => [
      `kea-${name}`,
      adapt(readKeaJson(`/usr/share/doc/kea/examples/kea4/${name}.json`)),
    ]),
    ...OWN_CASES,
  ];
  for (const [name, config] of cases) {
    const file = join(validDir, `${name}.json`);
    write(file, config);
    write(join(validDir, `${name}.config-get.json`), await configGet(file));
    process.stdout.write(`valid ${name}: captured\n`);
  }
  const verdicts = {};
  for (const { name, path, config } of INVALID_CASES) {
    const file = join(invalidDir, `${name}.json`);
    write(file, config);
    const r = spawnSync('/usr/sbin/kea-dhcp4', ['-t', file], { encoding: 'utf8' });
    const lines = `${r.stdout}${r.stderr}`.trim().split('\n');
    const kea = lines.filter((l) => /ERROR|rror|FATAL/.test(l)).pop() ?? lines.pop() ?? '';
    verdicts[name] = { path, 'kea-exit': r.status, kea: kea.replace(/^.*?(DHCP4_|Error)/, '$1') };
    process.stdout.write(`invalid ${name}: exit ${r.status}\n`);
    if (r.status === 0) process.stdout.write(`  WARNING: Kea accepts ${name}\n`);
  }
  write(join(invalidDir, 'verdicts.json'), verdicts);
}

await main();
