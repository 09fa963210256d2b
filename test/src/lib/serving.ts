// Real Kea's or our DHCP daemon of a family, run in a test namespace on a config the caller makes
// (given the daemon's temp folder and log file), until the caller's function (given the log file) is
// done.
import { join } from 'node:path';
import type { Test } from 'tap';
import { bridgeDatabase } from './db-bridge.js';
import { bin, startProgram, tempDir, waitForFile, writeJson } from './harness.js';
import { type NetnsPair, type NetnsRunners, netnsPair } from './netns.js';

export async function servingIn<R>(
  t: Test,
  net: NetnsRunners,
  ns: string,
  which: 'kea' | 'ours',
  family: 4 | 6,
  config: (dir: string, log: string) => object,
  fn: (log: string) => Promise<R>,
): Promise<R> {
  const dir = tempDir(t, `srv${which}${family}-`);
  const log = join(dir, 'daemon.log');
  const conf = writeJson(join(dir, 'daemon.conf'), config(dir, log));
  const program = which === 'kea' ? `/usr/sbin/kea-dhcp${family}` : bin(`kea-dhcp${family}`);
  const d = startProgram(t, ...net.argv(ns, program, ['-c', conf]), {
    KEA_PIDFILE_DIR: dir,
    KEA_LOCKFILE_DIR: which === 'kea' ? 'none' : dir,
  });
  await waitForFile(log, new RegExp(`DHCP${family}_STARTED`), 30_000);
  try {
    return await fn(log);
  } finally {
    await d.stop();
  }
}

/**
 * A server/client namespace pair for DHCP clients (c0 unconfigured, IPv6 on) whose server namespace
 * reaches the machine's database on `port` at 127.0.0.1 (db-bridge).
 */
export async function dbServingPair(
  t: Test,
  prefix: string,
  clientMac: string,
  dir: string,
  port: number,
): Promise<NetnsPair> {
  const net = await netnsPair(t, prefix, { ipv6: true, clientIPv4: false, clientIPv6: false, clientMac });
  await bridgeDatabase(t, net, net.server, dir, port);
  return net;
}
