// One ISC dhclient try on c0 of a netnsPair with a given MAC address and dhclient.conf: dhclient -1
// (a single try of the conf's timeout), no script, its lease file returned; a dhclient that bound and
// went to the background is killed so the next client can take c0.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetnsPair } from './netns.js';

export interface DhclientTry {
  /** dhclient's exit status (0: bound). */
  status: number | null;
  /** The lease file dhclient wrote ('' when it got nothing). */
  lease: string;
}

export async function dhclientOnce(
  net: NetnsPair,
  dir: string,
  o: { name: string; mac: string; conf: string; timeout: number; args: string[]; ipv6?: boolean },
): Promise<DhclientTry> {
  execFileSync('ip', ['-n', net.client, 'link', 'set', 'c0', 'down']);
  execFileSync('ip', ['-n', net.client, 'link', 'set', 'c0', 'address', o.mac, 'up']);
  if (o.ipv6) {
    // The new link-local address must be usable before dhclient -6 binds to it (DAD is off).
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const out = execFileSync('ip', ['-n', net.client, '-6', 'addr', 'show', 'dev', 'c0'], {
        encoding: 'utf8',
      });
      if (/inet6 fe80/.test(out) && !/tentative/.test(out)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const cf = join(dir, `${o.name}.conf`);
  const lf = join(dir, `${o.name}.leases`);
  const pf = join(dir, `${o.name}.pid`);
  writeFileSync(cf, `timeout ${o.timeout};\nretry 60;\n${o.conf}`);
  writeFileSync(lf, '');
  const run = net.run(
    net.client,
    'dhclient',
    [...o.args, '-1', '-cf', cf, '-sf', '/bin/true', '-pf', pf, '-lf', lf, 'c0'],
    { timeout: (o.timeout + 20) * 1000 },
  );
  if (existsSync(pf)) {
    const pid = Number(readFileSync(pf, 'utf8').trim());
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  return { status: run.status, lease: readFileSync(lf, 'utf8') };
}
