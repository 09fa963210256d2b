// Log messages of the control agent (Kea's CTRL_AGENT_* and HTTP auth IDs, plus our own where Kea has none).
import { defineMessages } from '@kea-ts/log';

export const MSG = defineMessages({
  CTRL_AGENT_COMMAND_FORWARD_BEGIN: 'begin forwarding command %1 to service %2',
  CTRL_AGENT_COMMAND_FORWARD_FAILED: 'failed forwarding command %1: %2',
  CTRL_AGENT_COMMAND_FORWARDED: 'command %1 successfully forwarded to the service %2',
  CTRL_AGENT_COMMAND_RECEIVED: 'command %1 received from remote address %2',
  CTRL_AGENT_CONFIG_FAIL: 'Control Agent configuration failed: %1',
  CTRL_AGENT_HTTP_SERVICE_STARTED: 'HTTP service bound to address %1:%2',
  CTRL_AGENT_HTTPS_SERVICE_STARTED: 'HTTPS service bound to address %1:%2',
  CTRL_AGENT_STARTED: 'Kea Control Agent version %1 started',
  // Ours: Kea 2.2 accepts an agent without authentication silently; we accept it too, but say so loudly.
  CTRL_AGENT_HTTP_SERVICE_UNAUTHENTICATED:
    'the control agent on %1:%2 requires NO authentication: anyone who can reach it controls every daemon it forwards to; configure "authentication" with clients',
  CTRL_AGENT_HTTP_SERVICE_UNENCRYPTED:
    'the control agent on %1:%2 speaks plain HTTP: passwords and commands cross the network in clear text',
  HTTP_BAD_CLIENT_REQUEST_RECEIVED: 'bad request received from %1: %2',
  HTTP_CLIENT_REQUEST_AUTHORIZED: 'received HTTP request authorized for %1',
  HTTP_CLIENT_REQUEST_NO_AUTH_HEADER: 'received HTTP request from %1 without authentication header',
  HTTP_CLIENT_REQUEST_NOT_AUTHORIZED:
    'received HTTP request from %1 with non-matching credentials for user %2',
  HTTP_CONNECTION_HANDSHAKE_FAILED: 'TLS handshake with %1 failed with %2',
});
