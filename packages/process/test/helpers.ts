// Shared test plumbing: temp dirs, config files, commands over the UNIX socket, waiting for conditions,
// in-process daemons and the fixture program run as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonValue } from '@kea-ts/cc';
import { sendUnixCommand } from '@kea-ts/config';
import { initLogging } from '@kea-ts/log';
import { Daemon } from '../src/index.js';
import { BINARY, CONFIG_KEY, type TestApp, type TestConfig, testSpec } from './fixtures/app.js';

export const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'kea-test-daemon.js');

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface AnswerShape {
  result: number;
  text?: string;
  arguments?: JsonValue;
}

/** A fresh directory removed at the end of the test. Short, as UNIX socket paths are limited to 107 bytes. */
export function tempDir(t: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'kea-proc-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes {"Testd": section} to `path` (pretty-printed, so errors have distinct lines). */
export function writeConfig(path: string, section: Record<string, JsonValue>): string {
  writeFileSync(path, `${JSON.stringify({ [CONFIG_KEY]: section }, null, 2)}\n`);
  return path;
}

export function socketSection(socket: string): JsonValue {
  return { 'socket-type': 'unix', 'socket-name': socket };
}

export async function send(socket: string, command: string, args?: JsonValue): Promise<AnswerShape> {
  const body: JsonValue = args === undefined ? { command } : { command, arguments: args };
  return (await sendUnixCommand(socket, body, 5000)) as unknown as AnswerShape;
}

/** Polls `check` until it returns a truthy value (async allowed); fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 5000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = await check();
    } catch {
      value = undefined;
    }
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** True when something answers on the socket. */
export async function answers(socket: string): Promise<boolean> {
  try {
    return (await send(socket, 'version-get')).result === 0;
  } catch {
    return false;
  }
}

export function section(config: JsonValue | undefined): Record<string, JsonValue> {
  return (config as Record<string, Record<string, JsonValue>>)[CONFIG_KEY]!;
}

let loggingReady = false;

export interface InProcess {
  dir: string;
  socket: string;
  configFile: string;
  daemon: Daemon<TestConfig>;
  app: TestApp;
}

/**
 * Starts the fixture daemon in this process with a control socket in a fresh directory. Logs go to a
 * file there (stdout is tap's). Teardown commits a config without a control socket (which closes it and
 * removes its file) and unloads the hook libraries: shutdown() would exit the test process.
 */
export async function startInProcess(t: Teardown, extra: Record<string, JsonValue> = {}): Promise<InProcess> {
  const dir = tempDir(t);
  const socket = join(dir, 'ctrl.sock');
  if (!loggingReady) {
    // Startup output of the whole test process: the first test's file, never stdout.
    const logDir = mkdtempSync(join(tmpdir(), 'kea-proc-log-'));
    process.on('exit', () => rmSync(logDir, { recursive: true, force: true }));
    process.env.KEA_LOGGER_DESTINATION = join(logDir, 'startup.log');
    initLogging(BINARY);
    loggingReady = true;
  }
  process.env.KEA_PIDFILE_DIR = dir;
  const configFile = writeConfig(join(dir, 'kea-test.conf'), {
    'control-socket': socketSection(socket),
    ...extra,
  });
  const daemon = new Daemon(testSpec(), configFile, false);
  // start() installs process-wide signal handlers: take this daemon's away again afterwards.
  const signals = ['SIGHUP', 'SIGTERM', 'SIGINT'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  t.teardown(() => {
    for (const s of signals) {
      for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.off(s, l);
    }
  });
  t.teardown(async () => {
    const quiet = await daemon.checkValue({ [CONFIG_KEY]: {} }, { file: '<teardown>', positions: new Map() });
    await daemon.commit(quiet);
    await daemon.hooks.unload();
  });
  await daemon.start();
  return { dir, socket, configFile, daemon, app: daemon.app as TestApp };
}

export interface Child {
  proc: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the child has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

/**
 * Runs the fixture program. NODE_OPTIONS is removed: tap puts its loaders there and they must not reach
 * the daemon. The child is killed in teardown if the test left it running.
 */
export function spawnDaemon(t: Teardown, args: string[], env: Record<string, string> = {}): Child {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base.KEA_LOGGER_DESTINATION;
  delete base.TEST_DAEMON_NO_PORTS;
  const proc = spawn('env', ['-u', 'NODE_OPTIONS', process.execPath, SCRIPT, ...args], {
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  t.teardown(async () => {
    if (!done) {
      proc.kill('SIGKILL');
      await exited;
    }
  });
  return {
    proc,
    pid: proc.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    running: () => !done,
  };
}

/** Runs the fixture program to completion. */
export async function runDaemonOnce(
  t: Teardown,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnDaemon(t, args, env);
  const { code } = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** Starts the fixture program on `configFile` and waits until its control socket answers. */
export async function startChild(
  t: Teardown,
  configFile: string,
  socket: string,
  env: Record<string, string> = {},
): Promise<Child> {
  const child = spawnDaemon(t, ['-c', configFile], env);
  await waitFor(`the daemon to answer on ${socket}`, async () => !child.running() || answers(socket));
  if (!child.running()) {
    throw new Error(`the daemon exited early:\n${child.stdout()}${child.stderr()}`);
  }
  return child;
}
