// Runs Lease File Cleanup for a memfile database the way Kea's LFCSetup/lfcExecute do: every
// `lfc-interval` seconds, hand the current file over as <name>.1 (unless an earlier cycle left
// .1 or .completed behind, which kea-lfc must finish first) and start kea-lfc as a child
// process. The server never waits for kea-lfc; it only renames a file between two writes.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { getComponentLogger } from '@kea-ts/log';
import { DHCPSRV_MESSAGES as M } from '../messages.js';
import type { LeaseFileWriter } from './lease-file-writer.js';
import { lfcFileNames } from './lfc-files.js';

const log = getComponentLogger('dhcpsrv');

export interface LfcRunnerOptions {
  family: 4 | 6;
  name: string;
  executable: string;
  /** Seconds; 0: no periodic runs. */
  interval: number;
  writer: () => LeaseFileWriter | null;
  /** Called when the current file could not be reopened: leases stop being persisted. */
  onWriterLost: (e: Error) => void;
}

export class LfcRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  /** The last kea-lfc started, until it exits. */
  child: ChildProcess | null = null;
  private childExit: Promise<number | null> = Promise.resolve(null);
  /** Exit code of the last kea-lfc that ended (Kea's getLFCExitStatus). */
  lastExitCode: number | null = null;

  constructor(private readonly opts: LfcRunnerOptions) {}

  get args(): string[] {
    const f = lfcFileNames(this.opts.name);
    return [
      this.opts.family === 4 ? '-4' : '-6',
      '-x',
      f.previous,
      '-i',
      f.input,
      '-o',
      f.output,
      '-f',
      f.finish,
      '-p',
      f.pid,
      '-c',
      'ignored-path',
    ];
  }

  start(runNow: boolean): void {
    if (runNow) void this.run();
    if (this.opts.interval > 0) {
      log.info(M.DHCPSRV_MEMFILE_LFC_SETUP, this.opts.interval);
      this.timer = setInterval(() => void this.run(), this.opts.interval * 1000);
      // The server's sockets keep it alive; the timer alone must not.
      this.timer.unref();
    }
  }

  /** One cleanup cycle; runs are serialized so two rotations never interleave. */
  run(): Promise<void> {
    this.running = this.running.then(() => this.execute());
    return this.running;
  }

  private async execute(): Promise<void> {
    log.info(M.DHCPSRV_MEMFILE_LFC_START);
    const f = lfcFileNames(this.opts.name);
    let doLfc = true;
    const writer = this.opts.writer();
    if (writer === null) return;
    if (!existsSync(f.finish) && !existsSync(f.input)) {
      try {
        const renameError = await writer.rotate(f.input);
        if (renameError !== null) {
          log.error(M.DHCPSRV_MEMFILE_LFC_LEASE_FILE_RENAME_FAIL, f.current, f.input, renameError.message);
          doLfc = false;
        }
      } catch (e) {
        log.error(M.DHCPSRV_MEMFILE_LFC_LEASE_FILE_REOPEN_FAIL, f.current, (e as Error).message);
        this.opts.onWriterLost(e as Error);
        doLfc = false;
      }
    }
    if (doLfc) this.spawn();
  }

  private spawn(): void {
    const args = this.args;
    log.info(M.DHCPSRV_MEMFILE_LFC_EXECUTE, [this.opts.executable, ...args].join(' '));
    let child: ChildProcess;
    try {
      child = spawn(this.opts.executable, args, { stdio: 'ignore' });
    } catch {
      log.error(M.DHCPSRV_MEMFILE_LFC_SPAWN_FAIL);
      return;
    }
    this.child = child;
    this.childExit = new Promise((resolve) => {
      child.once('error', () => {
        log.error(M.DHCPSRV_MEMFILE_LFC_SPAWN_FAIL);
        if (this.child === child) this.child = null;
        resolve(null);
      });
      child.once('exit', (code) => {
        this.lastExitCode = code;
        if (this.child === child) this.child = null;
        resolve(code);
      });
    });
  }

  /** Waits for the cycle in progress and the kea-lfc it started (tests, orderly shutdown). */
  async settle(): Promise<number | null> {
    await this.running;
    return this.childExit;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
