// Public entry point of @kea-ts/hooks: hook points, callout handles, parking lots and library loading.
export { CalloutHandle, callHook, runCallouts } from './callout-handle.js';
export {
  ERR_HOOKS_CONFIG,
  ERR_HOOKS_DUPLICATE_COMMAND,
  ERR_HOOKS_DUPLICATE_POINT,
  ERR_HOOKS_LOAD,
  ERR_HOOKS_MULTI_THREADING,
  ERR_HOOKS_NO_VERSION,
  ERR_HOOKS_NOT_MODULE,
  ERR_HOOKS_OPEN,
  ERR_HOOKS_PARKING,
  ERR_HOOKS_UNKNOWN_POINT,
  ERR_HOOKS_UNSUPPORTED,
  ERR_HOOKS_VERSION,
  HooksConfigError,
} from './errors.js';
export {
  type Callout,
  type CalloutResult,
  defaultRegistry,
  defineHookPoint,
  type HookPoint,
  HookPointRegistry,
  NextStep,
} from './hook-point.js';
export {
  HooksManager,
  type HooksManagerOptions,
  type LibraryInfo,
  type LoadOptions,
} from './hooks-manager.js';
export {
  type CommandHandler,
  HOOKS_API_VERSION,
  type HookLibraryModule,
  type LibraryHandle,
  type StatusResult,
} from './library-api.js';
export {
  BuiltinLibraries,
  type BuiltinLoader,
  builtinLibraries,
  type HookLibraryConfig,
  parseHooksLibraries,
  registerBuiltinLibrary,
  resolveLibrary,
  sameLibraries,
} from './library-config.js';
export { ParkingLot, type ParkingLotHandle } from './parking-lot.js';
