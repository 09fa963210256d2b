// Log messages of the NCR library (Kea's libdhcp-ddns logger), with Kea's IDs and our own wording.
import { defineMessages } from '@kea-ts/log';

export const MSG = defineMessages({
  DHCP_DDNS_INVALID_NCR: 'received an invalid NameChangeRequest: %1',
  DHCP_DDNS_NCR_LISTEN_CLOSE_ERROR: 'closing the NameChangeRequest listener socket failed: %1',
  DHCP_DDNS_NCR_SEND_CLOSE_ERROR: 'closing the NameChangeRequest sender socket failed: %1',
  DHCP_DDNS_NCR_SEND_NEXT_ERROR: 'sending the next queued NameChangeRequest failed: %1',
  DHCP_DDNS_NCR_UDP_RECV_CANCELED: 'receiving NameChangeRequests over UDP was canceled',
  DHCP_DDNS_NCR_UDP_RECV_ERROR: 'receiving a NameChangeRequest over UDP failed: %1',
  DHCP_DDNS_NCR_UDP_SEND_CANCELED: 'sending a NameChangeRequest over UDP was canceled: %1',
  DHCP_DDNS_NCR_UDP_SEND_ERROR: 'sending a NameChangeRequest over UDP failed: %1',
  DHCP_DDNS_UNCAUGHT_NCR_RECV_HANDLER_ERROR: 'the NameChangeRequest receive handler failed: %1',
  DHCP_DDNS_UNCAUGHT_NCR_SEND_HANDLER_ERROR: 'the NameChangeRequest send handler failed: %1',
});

/** Kea's library logger name, under the daemon's root ('kea-dhcp-ddns.libdhcp-ddns'). */
export const LOGGER_NAME = 'libdhcp-ddns';
/** Kea's DBGLVL_TRACE_BASIC. */
export const DBG_TRACE_BASIC = 40;
