// The hooks manager: validates and loads a hooks-libraries set, swaps it in atomically (the old set stays
// active if the new one fails), and exposes the library-provided commands.
import type { JsonValue } from '@kea-ts/cc';
import { getLogger, type Logger } from '@kea-ts/log';
import { defaultRegistry, type HookPointRegistry } from './hook-point.js';
import type { CommandHandler } from './library-api.js';
import {
  type BuiltinLibraries,
  builtinLibraries,
  type HookLibraryConfig,
  parseHooksLibraries,
  resolveLibrary,
  sameLibraries,
} from './library-config.js';
import { initLibrary, type LoadedLibrary, openLibrary, unloadLibrary } from './library-loader.js';
import { DBG_TRACE, M } from './messages.js';

export interface HooksManagerOptions {
  /** Root logger name of the daemon, e.g. 'kea-dhcp4': logs go to '<root>.hooks' and '<root>.callouts'. */
  loggerName: string;
  registry?: HookPointRegistry;
  builtins?: BuiltinLibraries;
  /** When true, libraries must declare multi_threading_compatible() (Kea's rule with MT enabled). */
  multiThreading?: boolean;
}

export interface LoadOptions {
  registry?: HookPointRegistry;
  multiThreading?: boolean;
}

/** Listing entry for config-get / status. */
export interface LibraryInfo {
  library: string;
  parameters?: { [key: string]: JsonValue };
  multiThreadingCompatible: boolean;
  commands: string[];
}

interface LibrarySet {
  readonly libraries: readonly LoadedLibrary[];
  readonly commands: ReadonlyMap<string, CommandHandler>;
  readonly registry: HookPointRegistry;
}

const EMPTY: LibrarySet = { libraries: [], commands: new Map(), registry: defaultRegistry };

export class HooksManager {
  private readonly log: Logger;
  private readonly calloutLog: Logger;
  private readonly registry: HookPointRegistry;
  private readonly builtins: BuiltinLibraries;
  private readonly multiThreading: boolean;
  private current: LibrarySet = EMPTY;
  // Loads and unloads run one at a time, in call order.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: HooksManagerOptions) {
    this.log = getLogger(`${options.loggerName}.hooks`);
    this.calloutLog = getLogger(`${options.loggerName}.callouts`);
    this.registry = options.registry ?? defaultRegistry;
    this.builtins = options.builtins ?? builtinLibraries;
    this.multiThreading = options.multiThreading ?? false;
  }

  get libraryCount(): number {
    return this.current.libraries.length;
  }

  /** The active libraries as configured (for config-get). */
  libraries(): HookLibraryConfig[] {
    return this.current.libraries.map((l) => l.config);
  }

  /** The active libraries with what they provide (for status reports). */
  libraryInfo(): LibraryInfo[] {
    return this.current.libraries.map((l) => ({
      ...l.config,
      multiThreadingCompatible: l.multiThreadingCompatible,
      commands: [...l.commands.keys()],
    }));
  }

  /** Commands provided by the active libraries; the command manager asks these first. */
  commandHandlers(): ReadonlyMap<string, CommandHandler> {
    return this.current.commands;
  }

  /** True when `libs` is exactly the active set (no reload needed). */
  isLoaded(libs: readonly HookLibraryConfig[] | JsonValue): boolean {
    return sameLibraries(parseHooksLibraries(libs), this.libraries());
  }

  /**
   * config-test: checks every entry and opens every library (import + version), without calling load().
   * Throws the first HooksConfigError.
   */
  async validate(libs: readonly HookLibraryConfig[] | JsonValue): Promise<HookLibraryConfig[]> {
    const configs = parseHooksLibraries(libs);
    for (const [i, config] of configs.entries()) {
      const path = `hooks-libraries/${i}/library`;
      const source = resolveLibrary(config.library, this.builtins, path);
      await openLibrary(config, source, path, this.log);
    }
    return configs;
  }

  /**
   * Loads a new set and makes it active in one synchronous step, then unloads the previous set.
   * If any library fails, those of the new set already loaded are unloaded again (last first) and the
   * previous set stays active. Resolves to the active libraries.
   */
  load(
    libs: readonly HookLibraryConfig[] | JsonValue,
    options: LoadOptions = {},
  ): Promise<HookLibraryConfig[]> {
    return this.serialize(async () => {
      const configs = parseHooksLibraries(libs);
      const registry = options.registry ?? this.registry;
      const multiThreading = options.multiThreading ?? this.multiThreading;
      const loaded: LoadedLibrary[] = [];
      const commandsTaken = new Map<string, string>();
      try {
        for (const [i, config] of configs.entries()) {
          const path = `hooks-libraries/${i}/library`;
          this.log.debug(DBG_TRACE, M.HOOKS_LIBRARY_LOADING, config.library);
          const source = resolveLibrary(config.library, this.builtins, path);
          const mod = await openLibrary(config, source, path, this.log);
          const lib = await initLibrary(config, mod, path, {
            registry,
            commandsTaken,
            multiThreading,
            log: this.log,
            calloutLog: this.calloutLog,
          });
          for (const command of lib.commands.keys()) commandsTaken.set(command, config.library);
          loaded.push(lib);
          this.log.info(M.HOOKS_LIBRARY_LOADED, config.library);
        }
      } catch (e) {
        for (const lib of loaded.reverse()) await unloadLibrary(lib, this.log);
        throw e;
      }
      const next = buildSet(loaded, registry);
      const previous = this.current;
      this.activate(next, previous);
      for (const lib of [...previous.libraries].reverse()) await unloadLibrary(lib, this.log);
      return this.libraries();
    });
  }

  /** Unloads every library (last first), empties every hook point and its parking lot. */
  unload(): Promise<void> {
    return this.serialize(async () => {
      const previous = this.current;
      this.activate(EMPTY, previous);
      for (const point of previous.registry.all()) point.parkingLot.clear();
      for (const lib of [...previous.libraries].reverse()) await unloadLibrary(lib, this.log);
    });
  }

  private serialize<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Points every hook point at the new arrays (or null) in one synchronous pass. */
  private activate(next: LibrarySet, previous: LibrarySet): void {
    const arrays = new Map<string, ((h: never) => unknown)[]>();
    for (const lib of next.libraries) {
      for (const [hookName, callouts] of lib.callouts) {
        let list = arrays.get(hookName);
        if (list === undefined) {
          list = [];
          arrays.set(hookName, list);
        }
        list.push(...callouts);
      }
    }
    if (previous.registry !== next.registry) {
      for (const point of previous.registry.all()) point.callouts = null;
    }
    for (const point of next.registry.all()) {
      point.callouts = (arrays.get(point.name) as typeof point.callouts | undefined) ?? null;
    }
    this.current = next;
  }
}

function buildSet(libraries: LoadedLibrary[], registry: HookPointRegistry): LibrarySet {
  const commands = new Map<string, CommandHandler>();
  for (const lib of libraries) for (const [name, handler] of lib.commands) commands.set(name, handler);
  return { libraries, commands, registry };
}
