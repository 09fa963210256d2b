// Starts the real Kea 2.2 kea-dhcp4 / kea-dhcp6 on a memfile lease file with the lease_cmds hook,
// no interfaces and a control socket in a temp dir, for cross-compatibility tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KEA_DHCP4 = '/usr/sbin/kea-dhcp4';
export const KEA_DHCP6 = '/usr/sbin/kea-dhcp6';
export const KEA_LFC = '/usr/sbin/kea-lfc';
const HOOK = '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so';

export function haveRealKea(): boolean {
  return existsSync(KEA_DHCP4) && existsSync(KEA_DHCP6) && existsSync(KEA_LFC) && existsSync(HOOK);
}

export interface KeaAnswer {
  result: number;
  text?: string;
  arguments?: { leases?: Record<string, unknown>[] } & Record<string, unknown>;
}

export interface RealKea {
  command(command: string, args?: unknown): Promise<KeaAnswer>;
  stop(): Promise<void>;
  output(): string;
}

/** `leaseFile` may be anywhere; socket, config, PID and lock files go to a short private temp dir. */
export async function startRealKea(family: 4 | 6, leaseFile: string): Promise<RealKea> {
  // UNIX socket paths are limited to 107 bytes, too short for tap's fixture directories.
  const dir = mkdtempSync(join(tmpdir(), 'kea-'));
  const socket = join(dir, `kea${family}.sock`);
  const key = family === 4 ? 'Dhcp4' : 'Dhcp6';
  const subnets =
    family === 4
      ? {
          subnet4: [
            { id: 1, subnet: '192.0.2.0/24' },
            { id: 2, subnet: '198.51.100.0/24' },
          ],
        }
      : {
          'server-id': { type: 'EN', 'enterprise-id': 2495, identifier: '0123', persist: false },
          subnet6: [
            { id: 1, subnet: '2001:db8:1::/48' },
            { id: 2, subnet: '2001:db8:8::/48' },
          ],
        };
  const config = {
    [key]: {
      'interfaces-config': { interfaces: [] },
      'control-socket': { 'socket-type': 'unix', 'socket-name': socket },
      'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
      'hooks-libraries': [{ library: HOOK }],
      ...subnets,
      loggers: [{ name: `kea-dhcp${family}`, severity: 'WARN', output_options: [{ output: 'stdout' }] }],
    },
  };
  const cfg = join(dir, `kea${family}.json`);
  writeFileSync(cfg, JSON.stringify(config));
  const child: ChildProcess = spawn(family === 4 ? KEA_DHCP4 : KEA_DHCP6, ['-c', cfg], {
    env: { ...process.env, KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const command = (command: string, args?: unknown) =>
    new Promise<KeaAnswer>((resolve, reject) => {
      const s = connect(socket);
      let data = '';
      s.on('connect', () =>
        s.write(JSON.stringify(args === undefined ? { command } : { command, arguments: args })),
      );
      s.on('data', (d) => {
        data += d;
        try {
          const v = JSON.parse(data);
          s.end();
          resolve(v);
        } catch {
          // more to come
        }
      });
      s.on('error', reject);
    });
  for (let i = 0; ; i++) {
    if (existsSync(socket)) {
      try {
        await command('version-get');
        break;
      } catch {
        // not listening yet
      }
    }
    if (child.exitCode !== null || i > 200) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`kea-dhcp${family} did not start: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    command,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
