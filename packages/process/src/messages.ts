// Log messages of the daemon base (Kea's DCTL_* IDs, shared by every daemon).
import { defineMessages } from '@kea-ts/log';

export const MSG = defineMessages({
  DCTL_ALREADY_RUNNING: '%1 already running? %2',
  DCTL_CFG_FILE_RELOAD_ERROR: 'configuration reload failed: %1, reverting to the current configuration',
  DCTL_CFG_FILE_RELOAD_SIGNAL_RECVD: 'OS signal %1 received, reloading configuration from file: %2',
  DCTL_CONFIG_CHECK_COMPLETE: 'server has completed configuration check: %1, result: %2',
  DCTL_CONFIG_COMPLETE: 'server has completed configuration: %1',
  DCTL_CONFIG_FILE_LOAD_FAIL: '%1 reason: %2',
  DCTL_INIT_PROCESS: '%1 initializing the application',
  DCTL_PID_FILE_ERROR: '%1 could not create a PID file: %2',
  DCTL_PROCESS_FAILED: '%1 application execution failed: %2',
  DCTL_SHUTDOWN: '%1 has shut down, pid: %2, version: %3',
  DCTL_SHUTDOWN_SIGNAL_RECVD: 'OS signal %1 received, starting shutdown',
  DCTL_STARTING: '%1 starting, pid: %2, version: %3 (%4)',
});
