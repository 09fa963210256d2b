// Coded errors of kea-lfc. A code is never reused for another failure.
import { KeaError } from '@kea-ts/util';

/** The command line is not what kea-lfc takes (Kea: InvalidUsage). */
export const KEA_ERR_LFC_USAGE = 'KEA_ERR_LFC_USAGE';

export function usageError(message: string): KeaError {
  return new KeaError(KEA_ERR_LFC_USAGE, message);
}
