// Coded errors of @kea-ts/hooks. Codes are never reused for another meaning.
import { KeaError } from '@kea-ts/util';

export const ERR_HOOKS_DUPLICATE_POINT = 'KEA_ERR_HOOKS_DUPLICATE_POINT';
export const ERR_HOOKS_UNKNOWN_POINT = 'KEA_ERR_HOOKS_UNKNOWN_POINT';
/** The hooks-libraries value itself is malformed (not a list, missing library, bad parameters...). */
export const ERR_HOOKS_CONFIG = 'KEA_ERR_HOOKS_CONFIG';
/** A Kea C++ library name with no built-in TypeScript equivalent (yet). */
export const ERR_HOOKS_UNSUPPORTED = 'KEA_ERR_HOOKS_UNSUPPORTED';
/** Neither a JavaScript module nor a Kea library name. */
export const ERR_HOOKS_NOT_MODULE = 'KEA_ERR_HOOKS_NOT_MODULE';
/** The module file is missing or its import failed (Kea: HOOKS_OPEN_ERROR). */
export const ERR_HOOKS_OPEN = 'KEA_ERR_HOOKS_OPEN';
export const ERR_HOOKS_NO_VERSION = 'KEA_ERR_HOOKS_NO_VERSION';
export const ERR_HOOKS_VERSION = 'KEA_ERR_HOOKS_VERSION';
export const ERR_HOOKS_MULTI_THREADING = 'KEA_ERR_HOOKS_MULTI_THREADING';
/** The library's load() threw or returned non-zero. */
export const ERR_HOOKS_LOAD = 'KEA_ERR_HOOKS_LOAD';
export const ERR_HOOKS_DUPLICATE_COMMAND = 'KEA_ERR_HOOKS_DUPLICATE_COMMAND';
export const ERR_HOOKS_PARKING = 'KEA_ERR_HOOKS_PARKING';

/** An error about one hooks-libraries entry; `path` is relative to the daemon map, e.g. 'hooks-libraries/0/library'. */
export class HooksConfigError extends KeaError {
  constructor(
    code: string,
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'HooksConfigError';
  }
}

export function hooksError(code: string, message: string, cause?: unknown): KeaError {
  return new KeaError(code, message, cause === undefined ? undefined : { cause });
}
