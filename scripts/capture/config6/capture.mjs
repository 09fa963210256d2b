#!/usr/bin/env node
// config6 capture: asks real Kea 2.2 (kea-dhcp6) what it makes of a corpus of Dhcp6 configs, as fixtures
// for @kea-ts/dhcpsrv's Dhcp6 config oracle tests (packages/dhcpsrv/test/cfg6/).
//
//   node scripts/capture/config6/capture.mjs            (no root needed: no interfaces are opened)
//   node scripts/capture/config6/capture.mjs one <file>  (prints config-get of one config, or Kea's -t verdict)
//
// Valid corpus: Kea's own kea6 examples (adapted, see valid-cases.mjs) plus our own configs. Each is
// written to packages/dhcpsrv/test/fixtures/config6/valid/<name>.json, run with kea-dhcp6 -c (PID/lock
// files and data-directory in a temp dir, memfile persist false, interfaces []), asked `config-get`
// over its UNIX socket, and the answer's Dhcp6 map is stored beside it as <name>.config-get.json.
// Invalid corpus (invalid-cases.mjs): each is written to invalid/<name>.json and checked with
// `kea-dhcp6 -t`; Kea's verdict (exit code, last error line) goes to invalid/verdicts.json together with
// the key path our checker must name.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stripComments } from '../lib/json-comments.mjs';
import { INVALID_CASES } from './invalid-cases.mjs';
import { DATA_DIR, EXAMPLES, OWN_CASES, SOCKET } from './valid-cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const outDir = join(root, 'packages/dhcpsrv/test/fixtures/config6');
const { sendUnixCommand } = await import(pathToFileURL(join(root, 'packages/config/dist/src/index.js')).href);

/** Kea's reader takes numbers written '.5'; JSON (and ours) does not, so the fixture holds '0.5'. */
function readExample(file) {
  return JSON.parse(stripComments(readFileSync(file, 'utf8')).replace(/:(\s*)\.(\d)/g, ':$10.$2'));
}

function write(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function configGet(file) {
  const dir = mkdtempSync(join(tmpdir(), 'kea6-config-'));
  rmSync(SOCKET, { force: true });
  mkdirSync(dirname(SOCKET), { recursive: true });
  // A fresh data-directory each run: a persisted server DUID must not leak from one config to the next.
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const env = {
    ...process.env,
    KEA_PIDFILE_DIR: dir,
    KEA_LOCKFILE_DIR: dir,
    KEA_LOGGER_DESTINATION: 'stdout',
  };
  const proc = spawn('/usr/sbin/kea-dhcp6', ['-c', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => {
    log += d;
  });
  proc.stderr.on('data', (d) => {
    log += d;
  });
  try {
    const end = Date.now() + 15000;
    while (!/DHCP6_STARTED/.test(log)) {
      if (proc.exitCode !== null) throw new Error(`kea-dhcp6 exited on ${file}:\n${log}`);
      if (Date.now() > end) throw new Error(`kea-dhcp6 did not start on ${file}:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const answer = await sendUnixCommand(SOCKET, { command: 'config-get' });
    if (answer.result !== 0) throw new Error(`config-get failed: ${JSON.stringify(answer)}`);
    return answer.arguments.Dhcp6;
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
}

function verdict(file) {
  mkdirSync(DATA_DIR, { recursive: true });
  const r = spawnSync('/usr/sbin/kea-dhcp6', ['-t', file], { encoding: 'utf8' });
  const lines = `${r.stdout}${r.stderr}`.trim().split('\n');
  const kea = lines.filter((l) => /ERROR|rror|FATAL/.test(l)).pop() ?? lines.pop() ?? '';
  return { status: r.status, kea: kea.replace(/^.*?(DHCP6_|Error)/, '$1') };
}

async function main() {
  const validDir = join(outDir, 'valid');
  const invalidDir = join(outDir, 'invalid');
  mkdirSync(validDir, { recursive: true });
  mkdirSync(invalidDir, { recursive: true });
  const only = process.env.CAPTURE_ONLY;
  const cases = [
    ...EXAMPLES.map(([name, adapt]) => [
      `kea-${name}`,
      adapt(readExample(`/usr/share/doc/kea/examples/kea6/${name}.json`)),
    ]),
    ...OWN_CASES,
  ].filter(([name]) => !only || name.includes(only));
  for (const [name, config] of cases) {
    const file = join(validDir, `${name}.json`);
    write(file, config);
    write(join(validDir, `${name}.config-get.json`), await configGet(file));
    process.stdout.write(`valid ${name}: captured\n`);
  }
  if (only) return;
  const verdicts = {};
  for (const { name, path, config } of INVALID_CASES) {
    const file = join(invalidDir, `${name}.json`);
    write(file, config);
    const v = verdict(file);
    verdicts[name] = { path, 'kea-exit': v.status, kea: v.kea };
    process.stdout.write(`invalid ${name}: exit ${v.status}\n`);
    if (v.status === 0) process.stdout.write(`  WARNING: Kea accepts ${name}\n`);
  }
  write(join(invalidDir, 'verdicts.json'), verdicts);
}

if (process.argv[2] === 'one') {
  const file = process.argv[3];
  const v = verdict(file);
  if (v.status !== 0) process.stdout.write(`refused: ${v.kea}\n`);
  else process.stdout.write(`${JSON.stringify(await configGet(file), null, 1)}\n`);
} else {
  await main();
}
