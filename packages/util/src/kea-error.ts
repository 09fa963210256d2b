// The one error type of the suite: every failure we raise on purpose carries a stable code
// (KEA_ERR_<AREA>_<WHAT>) so callers and tests match on the code, never on the wording.

export class KeaError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.name = 'KeaError';
  }
}

export function isKeaError(e: unknown, code?: string): e is KeaError {
  return e instanceof KeaError && (code === undefined || e.code === code);
}
