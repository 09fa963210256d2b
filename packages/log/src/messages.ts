// Message IDs logged by @kea-ts/log itself (Kea's LOG_* ids; texts are ours).

import { defineMessages } from './catalog.js';

export const LOG_MESSAGES = defineMessages({
  LOG_BAD_DESTINATION: 'unrecognized log destination: %1',
  LOG_BAD_SEVERITY: 'unrecognized log severity: %1',
  LOG_DUPLICATE_MESSAGE_ID: 'duplicate message ID (%1) in compiled code',
  LOG_OPEN_OUTPUT_FAIL: 'unable to open %1 for output: %2',
  LOG_WRITE_ERROR: 'error writing to %1: %2',
});
