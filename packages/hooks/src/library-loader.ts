// Opening one hook library: import, version check, multi-threading check, standard callouts, load().
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { JsonValue } from '@kea-ts/cc';
import type { Logger } from '@kea-ts/log';
import type { CalloutHandle } from './callout-handle.js';
import {
  ERR_HOOKS_DUPLICATE_COMMAND,
  ERR_HOOKS_LOAD,
  ERR_HOOKS_MULTI_THREADING,
  ERR_HOOKS_NO_VERSION,
  ERR_HOOKS_OPEN,
  ERR_HOOKS_UNKNOWN_POINT,
  ERR_HOOKS_VERSION,
  HooksConfigError,
} from './errors.js';
import type { Callout, HookPointRegistry } from './hook-point.js';
import {
  type CommandHandler,
  HOOKS_API_VERSION,
  type HookLibraryModule,
  type LibraryHandle,
  type StatusResult,
} from './library-api.js';
import type { HookLibraryConfig, LibrarySource } from './library-config.js';
import { DBG_TRACE, M } from './messages.js';

export interface LoadedLibrary {
  readonly config: HookLibraryConfig;
  readonly module: HookLibraryModule;
  readonly multiThreadingCompatible: boolean;
  /** Hook name -> callouts of this library, wrapped, in registration order. */
  readonly callouts: Map<string, Callout<unknown>[]>;
  readonly commands: Map<string, CommandHandler>;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Each load of a file gets a fresh module instance, as dlclose()+dlopen() gives Kea a fresh library.
let importGeneration = 0;

/** Imports the module and checks its version; throws HooksConfigError (path = the entry's 'library'). */
export async function openLibrary(
  config: HookLibraryConfig,
  source: LibrarySource,
  path: string,
  log: Logger,
): Promise<HookLibraryModule> {
  const lib = config.library;
  let mod: HookLibraryModule;
  if (source.kind === 'module') {
    if (!existsSync(source.file)) {
      log.error(M.HOOKS_OPEN_ERROR, lib, 'no such file');
      throw new HooksConfigError(ERR_HOOKS_OPEN, `hook library ${lib}: file ${source.file} not found`, path);
    }
    try {
      const ns = (await import(`${pathToFileURL(source.file).href}?load=${++importGeneration}`)) as {
        default?: unknown;
      } & Record<string, unknown>;
      // A CommonJS library may only have a default export.
      mod = (
        typeof ns.version !== 'function' && ns.default !== null && typeof ns.default === 'object'
          ? ns.default
          : ns
      ) as HookLibraryModule;
    } catch (e) {
      log.error(M.HOOKS_OPEN_ERROR, lib, errorText(e));
      throw new HooksConfigError(ERR_HOOKS_OPEN, `cannot open hook library ${lib}: ${errorText(e)}`, path, {
        cause: e,
      });
    }
  } else {
    mod = await source.loader();
  }
  if (typeof mod.version !== 'function') {
    log.error(M.HOOKS_NO_VERSION, lib);
    throw new HooksConfigError(ERR_HOOKS_NO_VERSION, `hook library ${lib} has no 'version' function`, path);
  }
  let version: unknown;
  try {
    version = mod.version();
  } catch (e) {
    log.error(M.HOOKS_VERSION_EXCEPTION, lib);
    throw new HooksConfigError(
      ERR_HOOKS_VERSION,
      `'version' of hook library ${lib} failed: ${errorText(e)}`,
      path,
    );
  }
  if (version !== HOOKS_API_VERSION) {
    log.error(M.HOOKS_INCORRECT_VERSION, lib, version, HOOKS_API_VERSION);
    throw new HooksConfigError(
      ERR_HOOKS_VERSION,
      `hook library ${lib} is at version ${String(version)}, require version ${HOOKS_API_VERSION}`,
      path,
    );
  }
  log.debug(DBG_TRACE, M.HOOKS_LIBRARY_VERSION, lib, version);
  return mod;
}

export function checkMultiThreading(
  mod: HookLibraryModule,
  lib: string,
  path: string,
  log: Logger,
  required: boolean,
): boolean {
  let compatible = false;
  if (typeof mod.multi_threading_compatible === 'function') {
    try {
      const r = mod.multi_threading_compatible();
      compatible = r === true || (typeof r === 'number' && r !== 0);
    } catch {
      log.error(M.HOOKS_MULTI_THREADING_COMPATIBLE_EXCEPTION, lib);
    }
  }
  log.debug(DBG_TRACE, M.HOOKS_LIBRARY_MULTI_THREADING_COMPATIBLE, lib, compatible ? 1 : 0);
  if (required && !compatible) {
    log.error(M.HOOKS_LIBRARY_MULTI_THREADING_NOT_COMPATIBLE, lib);
    throw new HooksConfigError(
      ERR_HOOKS_MULTI_THREADING,
      `hook library ${lib} is not compatible with multi-threading`,
      path,
    );
  }
  return compatible;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as PromiseLike<unknown>).then === 'function';
}

/** Wraps a callout so the handle knows its library and failures are logged, never thrown into the server. */
function bindCallout(
  lib: LoadedLibrary,
  hookName: string,
  fn: Callout<unknown>,
  log: Logger,
): Callout<unknown> {
  const name = lib.config.library;
  const report = (r: unknown): undefined => {
    if (typeof r === 'number' && r !== 0) log.error(M.HOOKS_CALLOUT_ERROR, hookName, name, r);
    return undefined;
  };
  const fail = (e: unknown): undefined => {
    log.error(M.HOOKS_CALLOUT_EXCEPTION, hookName, name, errorText(e));
    return undefined;
  };
  return (h: CalloutHandle<unknown>) => {
    h.currentLibrary = lib;
    let r: unknown;
    try {
      r = fn(h);
    } catch (e) {
      return fail(e);
    }
    if (r === undefined) return undefined;
    if (isThenable(r)) return Promise.resolve(r).then(report, fail);
    return report(r);
  };
}

export interface ActivateContext {
  registry: HookPointRegistry;
  /** Commands already taken by earlier libraries of the same set. */
  commandsTaken: Map<string, string>;
  multiThreading: boolean;
  /** '<root>.hooks': loading and registration. */
  log: Logger;
  /** '<root>.callouts': failures of callouts while packets are processed. */
  calloutLog: Logger;
}

/** Registers standard callouts, then runs load(); on failure the library is left unregistered. */
export async function initLibrary(
  config: HookLibraryConfig,
  mod: HookLibraryModule,
  path: string,
  ctx: ActivateContext,
): Promise<LoadedLibrary> {
  const { registry, log } = ctx;
  const name = config.library;
  const compatible = checkMultiThreading(mod, name, path, log, ctx.multiThreading);
  const lib: LoadedLibrary = {
    config,
    module: mod,
    multiThreadingCompatible: compatible,
    callouts: new Map(),
    commands: new Map(),
  };
  const addCallout = (hookName: string, fn: Callout<unknown>): void => {
    let list = lib.callouts.get(hookName);
    if (list === undefined) {
      list = [];
      lib.callouts.set(hookName, list);
    }
    list.push(bindCallout(lib, hookName, fn, ctx.calloutLog));
  };
  for (const hookName of registry.names()) {
    const fn = mod[hookName];
    if (typeof fn === 'function') {
      log.debug(DBG_TRACE, M.HOOKS_STD_CALLOUT_REGISTERED, name, hookName);
      addCallout(hookName, fn as Callout<unknown>);
    }
  }
  if (typeof mod.load !== 'function') {
    log.debug(DBG_TRACE, M.HOOKS_NO_LOAD, name);
    return lib;
  }
  const params = config.parameters ?? {};
  let open = true;
  const closed = (what: string): never => {
    throw new Error(`hook library ${name}: ${what} is only possible during load()`);
  };
  const handle: LibraryHandle = {
    library: name,
    getParameter: (p: string): JsonValue | undefined => (Object.hasOwn(params, p) ? params[p] : undefined),
    getParameters: () => params,
    getParameterNames: () => Object.keys(params),
    registerCallout: (hookName, fn) => {
      if (!open) closed('registerCallout');
      if (!registry.has(hookName)) {
        throw new HooksConfigError(
          ERR_HOOKS_UNKNOWN_POINT,
          `hook library ${name} registers a callout on unknown hook point '${hookName}'`,
          path,
        );
      }
      log.debug(DBG_TRACE, M.HOOKS_CALLOUT_REGISTRATION, name, hookName);
      addCallout(hookName, fn as Callout<unknown>);
    },
    registerCommandHandler: (command, handler) => {
      if (!open) closed('registerCommandHandler');
      const owner = ctx.commandsTaken.get(command) ?? (lib.commands.has(command) ? name : undefined);
      if (owner !== undefined) {
        throw new HooksConfigError(
          ERR_HOOKS_DUPLICATE_COMMAND,
          `hook library ${name} registers command '${command}' already provided by ${owner}`,
          path,
        );
      }
      lib.commands.set(command, handler);
    },
  };
  let status: StatusResult;
  try {
    status = await mod.load(handle);
  } catch (e) {
    log.error(M.HOOKS_LOAD_FRAMEWORK_EXCEPTION, name, errorText(e));
    if (e instanceof HooksConfigError) throw e;
    throw new HooksConfigError(
      ERR_HOOKS_LOAD,
      `'load' of hook library ${name} failed: ${errorText(e)}`,
      path,
      {
        cause: e,
      },
    );
  } finally {
    open = false;
  }
  if (typeof status === 'number' && status !== 0) {
    log.error(M.HOOKS_LOAD_ERROR, name, status);
    throw new HooksConfigError(
      ERR_HOOKS_LOAD,
      `'load' of hook library ${name} returned error ${status}`,
      path,
    );
  }
  log.debug(DBG_TRACE, M.HOOKS_LOAD_SUCCESS, name);
  return lib;
}

/** Runs unload(); errors are logged and do not stop the unloading of the other libraries (Kea). */
export async function unloadLibrary(lib: LoadedLibrary, log: Logger): Promise<void> {
  const name = lib.config.library;
  log.debug(DBG_TRACE, M.HOOKS_LIBRARY_UNLOADING, name);
  if (typeof lib.module.unload !== 'function') {
    log.debug(DBG_TRACE, M.HOOKS_NO_UNLOAD, name);
  } else {
    try {
      const status = await lib.module.unload();
      if (typeof status === 'number' && status !== 0) log.error(M.HOOKS_UNLOAD_ERROR, name, status);
      else log.debug(DBG_TRACE, M.HOOKS_UNLOAD_SUCCESS, name);
    } catch (e) {
      log.error(M.HOOKS_UNLOAD_FRAMEWORK_EXCEPTION, name, errorText(e));
    }
  }
  log.info(M.HOOKS_LIBRARY_UNLOADED, name);
}
