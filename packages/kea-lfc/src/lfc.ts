// One kea-lfc run, in Kea's LFCController::launch order: refuse if another instance holds the
// PID file, write ours, compact the lease files unless a finish file already exists (an earlier
// run got that far), rotate the files, remove the PID file. Failures are logged, not thrown, and
// leave the files for the next run, as Kea does.
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { lfcProcessLeases, lfcRotateFiles, pidFileIsLive } from '@kea-ts/dhcpsrv';
import { getLogger } from '@kea-ts/log';
import type { LfcArgs } from './cli.js';
import { LFC_MESSAGES as M } from './messages.js';

/** Root logger name of kea-lfc (Kea: DhcpLFC). */
export const LFC_LOGGER = 'kea-lfc';

export interface LfcOutcome {
  /** false when another kea-lfc held the PID file or ours could not be written. */
  ran: boolean;
  processed: boolean;
  rotated: boolean;
}

export function runLfc(a: LfcArgs): LfcOutcome {
  const log = getLogger(LFC_LOGGER);
  const outcome: LfcOutcome = { ran: false, processed: false, rotated: false };
  log.info(M.LFC_START);
  try {
    if (pidFileIsLive(a.pidFile)) {
      log.fatal(M.LFC_RUNNING);
      return outcome;
    }
    writeFileSync(a.pidFile, `${process.pid}\n`);
  } catch (e) {
    log.fatal(M.LFC_FAIL_PID_CREATE, (e as Error).message);
    return outcome;
  }
  outcome.ran = true;
  const files = { previous: a.previous, copy: a.copy, output: a.output, finish: a.finish };
  let rotate = true;
  if (!existsSync(a.finish)) {
    log.info(M.LFC_PROCESSING, a.previous, a.copy);
    try {
      const stats = lfcProcessLeases(a.family, files);
      log.info(M.LFC_READ_STATS, stats.read.leases, stats.read.attempts, stats.read.errors);
      log.info(M.LFC_WRITE_STATS, stats.write.leases, stats.write.attempts, stats.write.errors);
      outcome.processed = true;
    } catch (e) {
      rotate = false;
      log.fatal(M.LFC_FAIL_PROCESS, (e as Error).message);
    }
  }
  if (rotate) {
    log.info(M.LFC_ROTATING);
    try {
      lfcRotateFiles(files);
      outcome.rotated = true;
    } catch (e) {
      log.fatal(M.LFC_FAIL_ROTATE, (e as Error).message);
    }
  }
  try {
    unlinkSync(a.pidFile);
  } catch (e) {
    log.fatal(M.LFC_FAIL_PID_DEL, (e as Error).message);
  }
  log.info(M.LFC_TERMINATE);
  return outcome;
}
