// Public surface of @kea-ts/keactrl: the pieces other packages and tests use to read keactrl.conf, find
// PID files and run keactrl in-process. The program itself is bin/keactrl -> dist/src/main.js.

export type { CliRequest, CommandName } from './cli.js';
export { COMMANDS, DEFAULT_KEACTRL_CONF, parseCommandLine, parseServerList, usageText } from './cli.js';
export type { KeactrlConf, ServerConf } from './conf-file.js';
export { buildConf, CONF_VARIABLES, isYes, parseBashOutput, readKeactrlConf } from './conf-file.js';
export { isKeactrlError, KEACTRL_ERR, KeactrlError } from './errors.js';
export type { InstallState } from './installed.js';
export { checkInstalled } from './installed.js';
export type { Output } from './output.js';
export { memoryOutput, streamOutput } from './output.js';
export type { DaemonState } from './pid-file.js';
export {
  DEFAULT_PIDFILE_DIR,
  daemonState,
  isProcessAlive,
  pidFileDir,
  pidFilePath,
  readPid,
} from './pid-file.js';
export { runKeactrl } from './run.js';
export type { ServerInfo, ServerKey } from './servers.js';
export { isServerKey, SERVER_KEYS, SERVERS } from './servers.js';
export type { ServerStatus } from './status.js';
export { renderStatus, statusWord } from './status.js';
export type { SupervisedDaemon, SupervisorTimings } from './supervisor.js';
export {
  DEFAULT_SUPERVISOR_TIMINGS,
  nextBackoff,
  restartDelay,
  Supervisor,
} from './supervisor.js';
export { keactrlVersion } from './version.js';
