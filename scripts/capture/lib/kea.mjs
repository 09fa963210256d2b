// Starts a real Kea 2.2 daemon (kea-dhcp4 / kea-dhcp6) inside a namespace of a pair, with its PID and
// lock files in a temp dir of our own, and waits until it says it has started. Its log is kept in memory
// so a failing capture can show why.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup, run, spawnIn, stopProc } from './netns.mjs';

export function keaVersion(family) {
  return run(`/usr/sbin/kea-dhcp${family}`, ['-v']).trim();
}

/**
 * Checks a config with `kea-dhcpN -t` inside the server namespace (the check looks for the interfaces)
 * and throws with Kea's own words when it is refused.
 */
export function checkConfig(pair, family, file) {
  run('ip', ['netns', 'exec', pair.srv, `/usr/sbin/kea-dhcp${family}`, '-t', file]);
}

export async function startKea(pair, family, configFile, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), `kea${family}-capture-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir, KEA_LOGGER_DESTINATION: 'stdout' };
  const proc = spawnIn(pair, 'srv', `/usr/sbin/kea-dhcp${family}`, ['-c', configFile, ...extraArgs], { env });
  const kea = { proc, log: '', dir };
  proc.stdout.on('data', (d) => {
    kea.log += d;
  });
  proc.stderr.on('data', (d) => {
    kea.log += d;
  });
  const started = new RegExp(`DHCP${family}_STARTED`);
  const end = Date.now() + 15000;
  while (!started.test(kea.log)) {
    if (proc.exitCode !== null) throw new Error(`kea-dhcp${family} exited:\n${kea.log}`);
    if (Date.now() > end) throw new Error(`kea-dhcp${family} did not start:\n${kea.log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The sockets are opened while the config is committed, just before STARTED is logged; a short pause
  // keeps the first request from racing the raw socket's filter setup.
  await new Promise((r) => setTimeout(r, 300));
  kea.stop = () => {
    stopProc(pair, proc);
    rmSync(dir, { recursive: true, force: true });
  };
  return kea;
}
