// Network namespaces for tests: a server namespace and a client namespace joined by veth pairs
// (s<N> in the server namespace <-> c<N> in the client one), addresses from 192.0.2.0/24 and
// 2001:db8::/32 only, removed in t.teardown whatever happens. Needs root and iproute2.

import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

let counter = 0;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function nsExec(ns: string, ...args: string[]): string {
  return execFileSync('ip', ['netns', 'exec', ns, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Topology {
  server: string;
  client: string;
}

interface Teardown {
  teardown(fn: () => void | Promise<void>): void;
}

/**
 * `pairs` veth pairs s<i>/c<i>: 192.0.2.<64i+1>/26 and 2001:db8:<i>::1/64 on the server end; the client
 * end has IPv4 192.0.2.<64i+2>/26 only with `clientV4` (a DHCP client has none, and sends from 0.0.0.0).
 */
export function makeTopology(t: Teardown, pairs: number, clientV4 = false): Topology {
  const id = `${process.pid}x${counter++}`;
  const topo = { server: `ktsnet-s${id}`, client: `ktsnet-c${id}` };
  t.teardown(() => {
    for (const ns of [topo.server, topo.client]) {
      try {
        ip('netns', 'del', ns);
      } catch {
        // never created
      }
    }
  });
  for (const ns of [topo.server, topo.client]) {
    ip('netns', 'add', ns);
    // No duplicate address detection: addresses are usable (bindable) at once.
    nsExec(ns, 'sysctl', '-qw', 'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  }
  for (let i = 0; i < pairs; i++) {
    ip(
      'link',
      'add',
      `s${i}`,
      'netns',
      topo.server,
      'type',
      'veth',
      'peer',
      'name',
      `c${i}`,
      'netns',
      topo.client,
    );
    ip('-n', topo.server, 'addr', 'add', `192.0.2.${64 * i + 1}/26`, 'dev', `s${i}`);
    if (clientV4) ip('-n', topo.client, 'addr', 'add', `192.0.2.${64 * i + 2}/26`, 'dev', `c${i}`);
    ip('-n', topo.server, 'addr', 'add', `2001:db8:${i}::1/64`, 'dev', `s${i}`, 'nodad');
    ip('-n', topo.client, 'addr', 'add', `2001:db8:${i}::2/64`, 'dev', `c${i}`, 'nodad');
    ip('-n', topo.server, 'link', 'set', `s${i}`, 'address', `02:00:00:00:0${i}:01`, 'up');
    ip('-n', topo.client, 'link', 'set', `c${i}`, 'address', `02:00:00:00:0${i}:02`, 'up');
  }
  // IPv6 brings a link up asynchronously (link-local address, ff00::/8 route) once both veth ends are
  // up; until then a multicast send fails with ENETUNREACH and link-local binds fail.
  const deadline = Date.now() + 3000;
  for (let i = 0; i < pairs; i++) {
    for (const [ns, dev] of [
      [topo.server, `s${i}`],
      [topo.client, `c${i}`],
    ] as const) {
      while (
        !/fe80::/.test(
          execFileSync('ip', ['-n', ns, '-6', 'route', 'show', 'table', 'local', 'dev', dev], {
            encoding: 'utf8',
          }),
        ) ||
        !/ff00::\/8/.test(
          execFileSync('ip', ['-n', ns, '-6', 'route', 'show', 'table', 'local', 'dev', dev], {
            encoding: 'utf8',
          }),
        )
      ) {
        if (Date.now() > deadline) throw new Error(`${dev} in ${ns} got no IPv6 link-local address`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
  }
  return topo;
}

/** A running peer fixture: send commands, wait for events. */
export class Peer {
  private readonly events: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      // The daemon-style log lines (Kea's layout, on stdout) are kept apart from the JSON events.
      if (!line.startsWith('{')) {
        this.logs.push(line);
        return;
      }
      this.events.push(JSON.parse(line) as Record<string, unknown>);
      for (const w of this.waiters.splice(0)) w();
    });
    child.stderr.on('data', (d: Buffer) => this.stderr.push(d.toString()));
  }

  cmd(c: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify(c)}\n`);
  }

  /** Takes the first event matching `pred` (waiting up to `ms`), removing it from the queue. */
  async next(pred: (e: Record<string, unknown>) => boolean, ms = 3000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = this.events.findIndex(pred);
      if (i >= 0) return this.events.splice(i, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching event in ${ms} ms; have ${JSON.stringify(this.events)} ${this.stderr.join('')}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every event so far that matches, without waiting. */
  all(pred: (e: Record<string, unknown>) => boolean): Record<string, unknown>[] {
    return this.events.filter(pred);
  }
}

const PEER = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'peer.js');

/** Starts the peer fixture in `ns` (tap's NODE_OPTIONS loaders must not reach it). */
export async function startPeer(t: Teardown, ns: string): Promise<Peer> {
  const child = spawn('ip', ['netns', 'exec', ns, 'env', '-u', 'NODE_OPTIONS', process.execPath, PEER], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const peer = new Peer(child);
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  await peer.next((e) => e.event === 'started', 5000);
  return peer;
}
