// Public entry point of @kea-ts/kea-lfc (for tests and tools; the program is main.ts).
export { type LfcArgs, type LfcCommand, parseLfcArgs, USAGE } from './cli.js';
export { KEA_ERR_LFC_USAGE } from './errors.js';
export { LFC_LOGGER, type LfcOutcome, runLfc } from './lfc.js';
export { LFC_MESSAGES } from './messages.js';
