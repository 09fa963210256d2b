// Log messages of the hooks framework, with Kea's IDs (our own wording). %n are positional arguments.
import { defineMessages } from '@kea-ts/log';

export const M = defineMessages({
  HOOKS_CALLOUT_ERROR: 'callout on hook %1 from library %2 returned error status %3',
  HOOKS_CALLOUT_EXCEPTION: 'callout on hook %1 from library %2 failed: %3',
  HOOKS_CALLOUT_REGISTRATION: 'library %1 registers a callout on hook %2',
  HOOKS_CALLOUTS_REMOVED: 'callouts of library %2 removed from hook %1',
  HOOKS_INCORRECT_VERSION: 'hook library %1 reports hooks API version %2, this server requires %3',
  HOOKS_LIBRARY_LOADED: 'hook library %1 loaded',
  HOOKS_LIBRARY_LOADING: 'loading hook library %1',
  HOOKS_LIBRARY_MULTI_THREADING_COMPATIBLE: 'hook library %1 reports multi-threading compatibility %2',
  HOOKS_LIBRARY_MULTI_THREADING_NOT_COMPATIBLE: 'hook library %1 cannot be used with multi-threading',
  HOOKS_LIBRARY_UNLOADED: 'hook library %1 unloaded',
  HOOKS_LIBRARY_UNLOADING: 'unloading hook library %1',
  HOOKS_LIBRARY_VERSION: 'hook library %1 reports hooks API version %2',
  HOOKS_LOAD_ERROR: "'load' of hook library %1 returned error status %2",
  HOOKS_LOAD_FRAMEWORK_EXCEPTION: "'load' of hook library %1 failed: %2",
  HOOKS_LOAD_SUCCESS: "'load' of hook library %1 succeeded",
  HOOKS_MULTI_THREADING_COMPATIBLE_EXCEPTION: "'multi_threading_compatible' of hook library %1 failed",
  HOOKS_NO_LOAD: "hook library %1 has no 'load' function",
  HOOKS_NO_UNLOAD: "hook library %1 has no 'unload' function",
  HOOKS_NO_VERSION: "hook library %1 has no 'version' function",
  HOOKS_OPEN_ERROR: 'cannot open hook library %1: %2',
  HOOKS_STD_CALLOUT_REGISTERED: 'hook library %1 exports a callout for hook %2, registered',
  HOOKS_UNLOAD_ERROR: "'unload' of hook library %1 returned error status %2",
  HOOKS_UNLOAD_FRAMEWORK_EXCEPTION: "'unload' of hook library %1 failed: %2",
  HOOKS_UNLOAD_SUCCESS: "'unload' of hook library %1 succeeded",
  HOOKS_VERSION_EXCEPTION: "'version' of hook library %1 failed",
});

/** Kea's debug levels for the hooks framework. */
export const DBG_TRACE = 40;
export const DBG_CALLS = 45;
export const DBG_EXTENDED_CALLS = 55;
