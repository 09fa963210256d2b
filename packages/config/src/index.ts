// Public entry of @kea-ts/config: the command manager, the UNIX control channel and config checking.
export {
  ConfigError,
  type ConfigSource,
  checkSchema,
  configError,
  keyPathText,
  notSupportedYet,
  positionOf,
} from './check.js';
export {
  type CommandHandler,
  CommandMgr,
  type CommandMgrOptions,
  type CommandSource,
} from './command-mgr.js';
export * from './errors.js';
export { sendUnixCommand } from './unix-client.js';
export { UnixControlServer, type UnixControlServerOptions } from './unix-server.js';
