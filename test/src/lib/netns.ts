// A server and a client network namespace (unique names per call) joined by a veth pair s0/c0, for the
// system tests that put real DHCP traffic on a wire: 192.0.2.1/24 on s0 and 192.0.2.2/24 on c0 (unless
// a DHCPv4 client is to configure c0), and with { ipv6: true } 2001:db8:1::1/64 and ::2/64 (unless a
// DHCPv6 client is to be alone on c0) without DAD, returned only once both link-local addresses are
// usable (not tentative). Teardown kills whatever still runs in either namespace and deletes both,
// whatever happened in the test. netnsGroup makes bare namespaces by role for other topologies (a relay
// between server and client), with the same runners and teardown.
import { type ChildProcess, execFileSync, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { programEnv, runSync, type Teardown } from './harness.js';

/** Programs run inside namespaces (without tap's loaders), killed at teardown with the namespace. */
export interface NetnsRunners {
  /** Runs a program to completion inside a namespace, without tap's loaders. */
  run(
    ns: string,
    command: string,
    args: string[],
    options?: Parameters<typeof runSync>[2],
  ): ReturnType<typeof runSync>;
  /** Starts a program inside a namespace, without tap's loaders; killed at teardown with the namespace. */
  spawn(ns: string, command: string, args: string[], options?: SpawnOptions): ChildProcess;
  /** Starts a program inside a namespace and collects its output (stdout and stderr together). */
  start(ns: string, command: string, args: string[]): Background;
  /**
   * tcpdump on `dev` writing `filter`ed packets to a pcap file, unbuffered; resolves once it says it is
   * listening (or after 10 s, its output then tells why not). Stop it with SIGINT, then await exited.
   */
  capture(ns: string, dev: string, pcap: string, filter: string): Promise<Background>;
  /** The arguments that run `command args` inside a namespace (for startProgram). */
  argv(ns: string, command: string, args: string[]): ['ip', string[]];
}

export interface NetnsPair extends NetnsRunners {
  /** Server namespace (holds s0). */
  server: string;
  /** Client namespace (holds c0). */
  client: string;
}

/** Namespaces by role (see netnsGroup). */
export interface NetnsGroup<R extends string> extends NetnsRunners {
  ns: Record<R, string>;
}

export interface Background {
  child: ChildProcess;
  /** Everything the program printed so far. */
  output(): string;
  /** Resolves once the program has exited. */
  exited: Promise<void>;
}

/** Whether this machine can make namespaces: root and a working `ip netns`. */
export function canUseNetns(): boolean {
  return process.getuid?.() === 0 && spawnSync('ip', ['netns', 'list']).status === 0;
}

/** Runs `ip` with these arguments (`-n <ns>` for inside a namespace); throws with its stderr. */
export function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

let counter = 0;

/** Creates the pair; `prefix` (a few letters) names the namespaces so a leftover says whose it is. */
export async function netnsPair(
  t: Teardown,
  prefix: string,
  options: {
    ipv6?: boolean;
    /** false: c0 gets no IPv4 address (a DHCPv4 client configures it). */
    clientIPv4?: boolean;
    /** A fixed MAC address for c0 (a client with a known hardware address). */
    clientMac?: string;
    /** A fixed MAC address for s0. */
    serverMac?: string;
    /** With ipv6, false: c0 gets no global IPv6 address (only its link-local one, as a DHCPv6 client). */
    clientIPv6?: boolean;
  } = {},
): Promise<NetnsPair> {
  const id = `${process.pid}-${Date.now() % 100000}-${counter++}`;
  const server = `${prefix}s-${id}`;
  const client = `${prefix}c-${id}`;
  t.teardown(() => removeNamespaces([client, server]));
  ip('netns', 'add', server);
  ip('netns', 'add', client);
  ip('link', 'add', 's0', 'netns', server, 'type', 'veth', 'peer', 'name', 'c0', 'netns', client);
  ip('-n', server, 'addr', 'add', '192.0.2.1/24', 'dev', 's0');
  if (options.clientIPv4 !== false) ip('-n', client, 'addr', 'add', '192.0.2.2/24', 'dev', 'c0');
  if (options.clientMac) ip('-n', client, 'link', 'set', 'c0', 'address', options.clientMac);
  if (options.serverMac) ip('-n', server, 'link', 'set', 's0', 'address', options.serverMac);
  if (options.ipv6) {
    // No duplicate address detection: the addresses (link-local ones too) are usable once the links
    // are up, instead of after a second or more of DAD.
    ip('netns', 'exec', server, 'sysctl', '-qw', 'net.ipv6.conf.s0.accept_dad=0');
    ip('netns', 'exec', client, 'sysctl', '-qw', 'net.ipv6.conf.c0.accept_dad=0');
    ip('-n', server, 'addr', 'add', '2001:db8:1::1/64', 'dev', 's0', 'nodad');
    if (options.clientIPv6 !== false)
      ip('-n', client, 'addr', 'add', '2001:db8:1::2/64', 'dev', 'c0', 'nodad');
  }
  for (const [ns, dev] of [
    [server, 's0'],
    [client, 'c0'],
    [server, 'lo'],
    [client, 'lo'],
  ] as const)
    ip('-n', ns, 'link', 'set', dev, 'up');
  if (options.ipv6) {
    // The kernel adds the link-local address when the carrier comes up; a DHCPv6 server binds to it and
    // perfdhcp -6 -l c0 sends from it, so wait until both exist and neither is tentative.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const out = [
        spawnSync('ip', ['-n', server, '-6', 'addr', 'show', 'dev', 's0'], { encoding: 'utf8' }).stdout,
        spawnSync('ip', ['-n', client, '-6', 'addr', 'show', 'dev', 'c0'], { encoding: 'utf8' }).stdout,
      ].join('');
      if ((out.match(/inet6 fe80/g) ?? []).length === 2 && !/tentative/.test(out)) break;
      if (Date.now() > deadline) throw new Error(`link-local addresses not usable after 10 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { server, client, ...runners };
}

/** Kills whatever runs in the namespaces, then deletes them. */
function removeNamespaces(names: string[]): void {
  for (const ns of names) {
    const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout ?? '';
    for (const p of pids.split('\n').filter(Boolean)) {
      try {
        process.kill(Number(p), 'SIGKILL');
      } catch {
        // gone already
      }
    }
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

const inNs = (ns: string, command: string, args: string[], opts: SpawnOptions = {}) =>
  spawn('env', ['-u', 'NODE_OPTIONS', 'ip', 'netns', 'exec', ns, command, ...args], {
    env: programEnv(),
    ...opts,
  });

const start = (ns: string, command: string, args: string[]): Background => {
  const child = inNs(ns, command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const collect = (d: Buffer) => {
    text += d.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { child, output: () => text, exited };
};

const runners: NetnsRunners = {
  argv: (ns, command, args) => ['ip', ['netns', 'exec', ns, command, ...args]],
  run: (ns, command, args, opts) => runSync('ip', ['netns', 'exec', ns, command, ...args], opts),
  spawn: inNs,
  start,
  async capture(ns, dev, pcap, filter) {
    const b = start(ns, 'tcpdump', ['-i', dev, '-U', '-n', '-s', '2000', '-w', pcap, filter]);
    const deadline = Date.now() + 10_000;
    while (!/listening on/.test(b.output()) && b.child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    return b;
  },
};

/**
 * Namespaces for the given roles (unique names, `prefix` then the role), each with lo up and nothing
 * else: for topologies other than netnsPair's (a relay between server and client), whose links and
 * addresses the test makes. Teardown as netnsPair's.
 */
export function netnsGroup<R extends string>(
  t: Teardown,
  prefix: string,
  roles: readonly R[],
): NetnsGroup<R> {
  const id = `${process.pid}-${Date.now() % 100000}-${counter++}`;
  const ns = Object.fromEntries(roles.map((r) => [r, `${prefix}${r}-${id}`])) as Record<R, string>;
  const names = roles.map((r) => ns[r]);
  t.teardown(() => removeNamespaces(names));
  for (const n of names) {
    ip('netns', 'add', n);
    ip('-n', n, 'link', 'set', 'lo', 'up');
  }
  return { ns, ...runners };
}
