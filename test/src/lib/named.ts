// A real BIND 9 named for the DNS tests: started in the foreground on 127.0.0.1 on a free port with
// its own temp directory, TSIG keys and dynamic zones; stopped at teardown. Plus UDP exchange and dig.
import { createSocket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, type RunningDaemon, runSync, startProgram, type Teardown, tempDir } from './harness.js';

export interface NamedKey {
  name: string;
  /** BIND's algorithm spelling, digest bits as a suffix ("hmac-sha256-128"). */
  algorithm: string;
  secret: string;
}

export interface Named {
  port: number;
  daemon: RunningDaemon;
  /** Sends one UDP message and resolves with the answer. */
  exchange(wire: Buffer, timeoutMs?: number): Promise<Buffer>;
  /** `dig +short` of one name and type. */
  dig(name: string, type: string): string;
}

const SOA = `$TTL 300
@ IN SOA ns.example.com. hostmaster.example.com. 1 3600 600 86400 300
@ IN NS ns.example.com.
`;

/**
 * Starts named with `zones` (each updatable with any of `keys`); example.com gets ns A 127.0.0.1. With
 * `netns`, named runs (and dig asks) inside that network namespace, on its loopback; exchange() is then
 * not usable from the test process.
 */
export async function startNamed(
  t: Teardown,
  keys: NamedKey[],
  zones: string[],
  options: { netns?: string } = {},
): Promise<Named> {
  const inNs = (command: string, args: string[]): [string, string[]] =>
    options.netns === undefined
      ? [command, args]
      : ['ip', ['netns', 'exec', options.netns, command, ...args]];
  const dir = tempDir(t, 'kea-ts-named-');
  const port = await freePort();
  const allow = keys.map((k) => `key "${k.name}";`).join(' ');
  const zoneBlocks = zones.map((z) => {
    writeFileSync(join(dir, `${z}.db`), z === 'example.com' ? `${SOA}ns IN A 127.0.0.1\n` : SOA);
    return `zone "${z}" { type primary; file "${z}.db"; allow-update { ${allow} }; };`;
  });
  writeFileSync(
    join(dir, 'named.conf'),
    `options {
  directory "${dir}";
  pid-file "${dir}/named.pid";
  session-keyfile "${dir}/session.key";
  managed-keys-directory "${dir}";
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
};
controls { };
${keys.map((k) => `key "${k.name}" { algorithm ${k.algorithm}; secret "${k.secret}"; };`).join('\n')}
${zoneBlocks.join('\n')}
`,
  );
  const daemon = startProgram(
    t,
    ...inNs('/usr/sbin/named', ['-g', '-n', '1', '-c', join(dir, 'named.conf')]),
  );
  // named prints "running on ..." and "running as: ..." at start; the bare "running" line means it serves.
  await daemon.waitFor(/ running\n/, 20_000);
  return {
    port,
    daemon,
    exchange: (wire, timeoutMs = 5000) => exchange(port, wire, timeoutMs),
    dig(name, type) {
      const r = runSync(
        ...inNs('dig', ['@127.0.0.1', '-p', String(port), '+short', '+time=2', '+tries=1', name, type]),
      );
      return r.stdout.trim();
    },
  };
}

function exchange(port: number, wire: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error('no answer from named'));
    }, timeoutMs);
    sock.once('message', (msg) => {
      clearTimeout(timer);
      sock.close();
      resolve(msg);
    });
    sock.send(wire, port, '127.0.0.1');
  });
}
