// Public entry of @kea-ts/process: the daemon base shared by every program.
export { type CliAction, parseCli, usageText } from './cli.js';
export * from './common-schemas.js';
export { checkRoot, isMap } from './config-file.js';
export { Daemon, type DaemonApp, type DaemonContext, type DaemonSpec, runDaemon } from './daemon.js';
export * from './errors.js';
export { toLoggerConfigs, unparseLoggers } from './loggers.js';
export { PidFile, pidFilePath } from './pid-file.js';
export {
  buildReportText,
  extendedVersionText,
  KEA_COMPATIBLE,
  pidFileDir,
  VERSION,
  versionText,
} from './version.js';
