// Shared helpers of the system tests: temp folders, free ports, running our programs from the
// workspace (compiled code, as users run it), TLS material from scripts/gen-certs, and curl.
import { type ChildProcess, type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (this file runs from test/dist/lib/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The environment our programs run with. tap's process-info hook adds its module loaders to NODE_OPTIONS
 * of every child it sees spawned; the programs under test must run as users run them, so every spawn goes
 * through `env -u NODE_OPTIONS`, which drops them just before the program starts.
 */
export function programEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

/** Runs a program to completion without tap's loaders (see programEnv). */
export function runSync(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeout?: number } = {},
): SpawnSyncReturns<string> {
  return spawnSync('env', ['-u', 'NODE_OPTIONS', command, ...args], {
    encoding: 'utf8',
    env: programEnv(options.env),
    ...(options.input !== undefined ? { input: options.input } : {}),
    timeout: options.timeout ?? 60_000,
  });
}

export function bin(name: string): string {
  return join(repoRoot, 'packages', name, 'bin', name);
}

export interface Teardown {
  teardown(fn: () => void | Promise<void>): void;
}

export function tempDir(t: Teardown, prefix = 'kea-ts-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made by scripts/gen-certs. */
export function makeCerts(
  dir: string,
): Record<'ca' | 'caKey' | 'server' | 'serverKey' | 'client' | 'clientKey', string> {
  const out = runSync(process.execPath, [join(repoRoot, 'scripts', 'gen-certs'), '--out', dir]);
  if (out.status !== 0) throw new Error(`gen-certs failed: ${out.stderr}`);
  return {
    ca: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    server: join(dir, 'server.pem'),
    serverKey: join(dir, 'server-key.pem'),
    client: join(dir, 'client.pem'),
    clientKey: join(dir, 'client-key.pem'),
  };
}

export interface RunningDaemon {
  child: ChildProcess;
  /** Everything the daemon printed so far (stdout and stderr). */
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts a program with `args`, collecting its output; stopped (SIGTERM) at teardown. */
export function startProgram(
  t: Teardown,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): RunningDaemon {
  const child = spawn('env', ['-u', 'NODE_OPTIONS', command, ...args], {
    env: programEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of waiters) w();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const running: RunningDaemon = {
    child,
    exited,
    output: () => text,
    waitFor(pattern, timeoutMs = 15_000) {
      return new Promise((resolveWait, reject) => {
        const check = () => {
          const m = pattern.exec(text);
          if (m) {
            cleanup();
            resolveWait(m[0]);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${text}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          const m = pattern.exec(text);
          if (m) resolveWait(m[0]);
          else reject(new Error(`program exited while waiting for ${pattern}; output:\n${text}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
        };
        waiters.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  t.teardown(() => running.stop().then(() => undefined));
  return running;
}

export function writeJson(path: string, value: unknown): string {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

export interface CurlResult {
  status: number;
  headers: string;
  body: string;
  json: unknown;
  exitCode: number | null;
  stderr: string;
}

/** Runs curl (the real client users have) and splits status, headers and body. */
export function curl(args: string[], input?: string | Buffer): CurlResult {
  const out = spawnSync('curl', ['-sS', '-D', '-', '-w', '\n%{http_code}', ...args], {
    input,
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  const stdout = out.stdout ?? '';
  const lastNewline = stdout.lastIndexOf('\n');
  const status = Number(stdout.slice(lastNewline + 1));
  const rest = stdout.slice(0, lastNewline);
  // With -D - the headers come first, separated from the body by a blank line (possibly several
  // header blocks, e.g. after 100 Continue).
  let headerEnd = 0;
  let body = rest;
  for (;;) {
    const idx = body.indexOf('\r\n\r\n');
    if (!body.startsWith('HTTP/') || idx < 0) break;
    headerEnd += idx + 4;
    body = body.slice(idx + 4);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return {
    status,
    headers: rest.slice(0, headerEnd),
    body,
    json,
    exitCode: out.status,
    stderr: out.stderr ?? '',
  };
}

/** Waits until a file (a daemon's log, say) holds text matching `pattern`. */
export async function waitForFile(path: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = '';
    }
    const m = pattern.exec(text);
    if (m) return m[0];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${pattern} in ${path}; it holds:\n${text}`);
}
