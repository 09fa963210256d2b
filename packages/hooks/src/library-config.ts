// The hooks-libraries config value: shape checks, and what each 'library' path refers to (a user's
// JavaScript module, or a Kea C++ library name mapped to one of our built-in hook packages).
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { JsonValue } from '@kea-ts/cc';
import { ERR_HOOKS_CONFIG, ERR_HOOKS_NOT_MODULE, ERR_HOOKS_UNSUPPORTED, HooksConfigError } from './errors.js';
import type { CommandHandler, HookLibraryModule } from './library-api.js';

export interface HookLibraryConfig {
  library: string;
  parameters?: { [key: string]: JsonValue };
}

export type BuiltinLoader = () => Promise<HookLibraryModule>;

/** Kea library basenames our hook packages stand in for, e.g. 'libdhcp_lease_cmds.so'. */
export class BuiltinLibraries {
  private readonly loaders = new Map<string, BuiltinLoader>();

  register(basename: string, loader: BuiltinLoader): void {
    this.loaders.set(basename, loader);
  }

  get(basename: string): BuiltinLoader | undefined {
    return this.loaders.get(basename);
  }
}

/** Process-wide map, filled by the hook-* packages when the daemon imports them. */
export const builtinLibraries = new BuiltinLibraries();

export function registerBuiltinLibrary(basename: string, loader: BuiltinLoader): void {
  builtinLibraries.register(basename, loader);
}

export type LibrarySource =
  | { kind: 'module'; file: string }
  | { kind: 'builtin'; basename: string; loader: BuiltinLoader };

const JS_MODULE = /\.(?:js|mjs|cjs)$/;
// Kea installs its hook libraries as libdhcp_*.so, libca_*.so and libddns_*.so (maybe with a version).
const KEA_LIBRARY = /^lib(?:dhcp|ca|ddns)_[A-Za-z0-9_]+\.so(?:\.\d+)*$/;

/**
 * What a 'library' value refers to. A relative JavaScript path is resolved against the working
 * directory, which is what Kea's dlopen() does with a relative path.
 */
export function resolveLibrary(
  library: string,
  builtins: BuiltinLibraries,
  path = 'hooks-libraries/0/library',
): LibrarySource {
  if (JS_MODULE.test(library)) {
    return { kind: 'module', file: isAbsolute(library) ? library : resolvePath(library) };
  }
  const basename = library.slice(library.lastIndexOf('/') + 1);
  if (KEA_LIBRARY.test(basename)) {
    const loader = builtins.get(basename);
    if (loader === undefined) {
      throw new HooksConfigError(
        ERR_HOOKS_UNSUPPORTED,
        `hook library ${library} is not supported yet: no built-in equivalent of ${basename}`,
        path,
      );
    }
    return { kind: 'builtin', basename, loader };
  }
  throw new HooksConfigError(
    ERR_HOOKS_NOT_MODULE,
    `hook library ${library}: not a JavaScript module or a known Kea hook library`,
    path,
  );
}

function isMap(v: unknown): v is { [key: string]: JsonValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Checks the shape of a hooks-libraries value and returns it typed. */
export function parseHooksLibraries(value: unknown, path = 'hooks-libraries'): HookLibraryConfig[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new HooksConfigError(ERR_HOOKS_CONFIG, `${path} must be a list`, path);
  return value.map((entry, i) => {
    const at = `${path}/${i}`;
    if (!isMap(entry)) throw new HooksConfigError(ERR_HOOKS_CONFIG, `${path} entries must be maps`, at);
    for (const key of Object.keys(entry)) {
      if (key !== 'library' && key !== 'parameters') {
        throw new HooksConfigError(
          ERR_HOOKS_CONFIG,
          `unknown hooks library parameter: ${key}`,
          `${at}/${key}`,
        );
      }
    }
    const library = entry.library;
    if (library === undefined) {
      throw new HooksConfigError(ERR_HOOKS_CONFIG, `${path} entry ${i} has no 'library' name`, at);
    }
    if (typeof library !== 'string') {
      throw new HooksConfigError(ERR_HOOKS_CONFIG, "'library' must be a string", `${at}/library`);
    }
    const name = library.trim();
    if (name === '') {
      throw new HooksConfigError(ERR_HOOKS_CONFIG, "'library' must not be blank", `${at}/library`);
    }
    const parameters = entry.parameters;
    if (parameters === undefined) return { library: name };
    if (!isMap(parameters)) {
      throw new HooksConfigError(
        ERR_HOOKS_CONFIG,
        `'parameters' of hook library ${name} must be a map`,
        `${at}/parameters`,
      );
    }
    return { library: name, parameters };
  });
}

/** Same libraries, same order, same parameters: a reload is not needed. */
export function sameLibraries(a: readonly HookLibraryConfig[], b: readonly HookLibraryConfig[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (lib, i) =>
        lib.library === b[i]!.library && JSON.stringify(lib.parameters) === JSON.stringify(b[i]!.parameters),
    )
  );
}

export type { CommandHandler };
