// A database on the host's loopback, reached from inside a test namespace: a namespace's 127.0.0.1 is
// its own, so a socat there listens on 127.0.0.1:<db port> and forwards over a UNIX socket to a socat
// in the host namespace that connects to the database. Both socats stop at teardown (the one in the
// namespace with it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startProgram, type Teardown } from './harness.js';
import type { NetnsRunners } from './netns.js';

/** Makes the host's database port reachable as 127.0.0.1:<port> inside namespace `ns`. */
export async function bridgeDatabase(
  t: Teardown,
  net: NetnsRunners,
  ns: string,
  dir: string,
  port: number,
): Promise<void> {
  const sock = join(dir, `db-${port}.sock`);
  startProgram(t, 'socat', [`UNIX-LISTEN:${sock},fork`, `TCP:127.0.0.1:${port}`]);
  for (let i = 0; !existsSync(sock); i++) {
    if (i > 100) throw new Error(`socat did not make ${sock}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  net.spawn(ns, 'socat', [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork`, `UNIX-CONNECT:${sock}`], {
    stdio: 'ignore',
  });
  for (let i = 0; ; i++) {
    const ss = net.run(ns, 'ss', ['-Hltn', `sport = :${port}`]);
    if (String(ss.stdout).includes(`127.0.0.1:${port}`)) return;
    if (i > 100) throw new Error(`socat did not listen on ${port} in ${ns}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
