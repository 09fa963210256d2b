// Log messages of the command manager and the UNIX control channel (Kea's COMMAND_* IDs).
import { defineMessages } from '@kea-ts/log';

export const MSG = defineMessages({
  COMMAND_ACCEPTOR_START: 'starting to accept connections via unix domain socket bound to %1',
  COMMAND_DEREGISTERED: 'command %1 deregistered',
  COMMAND_PROCESS_ERROR1: 'error while processing command: %1',
  COMMAND_RECEIVED: 'received command %1',
  COMMAND_REGISTERED: 'command %1 registered',
  COMMAND_SOCKET_CONNECTION_CLOSED: 'closed socket %1',
  COMMAND_SOCKET_CONNECTION_OPENED: 'opened socket %1',
  COMMAND_SOCKET_CONNECTION_TIMEOUT: 'timeout on socket %1 while waiting for a complete command',
  COMMAND_SOCKET_READ: 'received %1 bytes over command socket %2',
  COMMAND_SOCKET_READ_FAIL: 'error reading from command socket %1: %2',
  COMMAND_SOCKET_WRITE: 'sent response of %1 bytes (%2 remaining) over command socket %3',
  COMMAND_SOCKET_WRITE_FAIL: 'error writing to command socket %1: %2',
});
