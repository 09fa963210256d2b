// Coded errors of keactrl. Each code is used for one failure only; the message is what the user reads
// after "ERROR/keactrl: ".
import { KeaError } from '@kea-ts/util';

export const KEACTRL_ERR = {
  /** Bad command line: unknown command, option or server name. */
  USAGE: 'KEA_ERR_KEACTRL_USAGE',
  /** keactrl.conf is missing or bash could not source it. */
  CONF: 'KEA_ERR_KEACTRL_CONF',
  /** A required keactrl.conf variable is empty. */
  CONF_VAR: 'KEA_ERR_KEACTRL_CONF_VAR',
} as const;

export type KeactrlErrorCode = (typeof KEACTRL_ERR)[keyof typeof KEACTRL_ERR];

export class KeactrlError extends KeaError {
  declare readonly code: KeactrlErrorCode;
  /** True when the usage text should follow the message (command line mistakes). */
  readonly showUsage: boolean;

  constructor(code: KeactrlErrorCode, message: string, showUsage = false) {
    super(code, message);
    this.name = 'KeactrlError';
    this.showUsage = showUsage;
  }
}

export function isKeactrlError(e: unknown): e is KeactrlError {
  return e instanceof KeactrlError;
}
