// Coded errors of kea-admin. A code is never reused for another failure.
import { KeaError } from '@kea-ts/util';

/** The command line is not what kea-admin takes; the message is printed before the usage text. */
export const KEA_ERR_ADMIN_USAGE = 'KEA_ERR_ADMIN_USAGE';

export function usageError(message: string): KeaError {
  return new KeaError(KEA_ERR_ADMIN_USAGE, message);
}
