// Log message IDs of kea-lfc (Kea's LFC_* ids; the texts are ours).
import { defineMessages } from '@kea-ts/log';

export const LFC_MESSAGES = defineMessages({
  LFC_FAIL_PID_CREATE: 'cannot create the PID file: %1',
  LFC_FAIL_PID_DEL: 'cannot remove the PID file: %1',
  LFC_FAIL_PROCESS: 'lease file cleanup failed: %1',
  LFC_FAIL_ROTATE: 'rotating the lease files failed: %1',
  LFC_PROCESSING: 'cleaning up previous file %1 and copy %2',
  LFC_READ_STATS: 'read %1 leases in %2 rows, %3 rows rejected',
  LFC_ROTATING: 'rotating the lease files',
  LFC_RUNNING: 'another kea-lfc is already running on these files',
  LFC_START: 'lease file cleanup starting',
  LFC_TERMINATE: 'lease file cleanup finished',
  LFC_WRITE_STATS: 'wrote %1 leases in %2 rows, %3 write errors',
});
