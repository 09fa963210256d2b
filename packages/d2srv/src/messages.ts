// D2's log messages with Kea 2.2's IDs (src/lib/d2srv/d2_messages.mes) in our own words, and its loggers.
import { defineMessages } from '@kea-ts/log';

export const MSG = defineMessages({
  DHCP_DDNS_ADD_FAILED: 'DHCP_DDNS Request ID %1: transaction outcome: %2',
  DHCP_DDNS_ADD_SUCCEEDED:
    'DHCP_DDNS Request ID %1: successfully added the DNS mapping addition for this request: %2',
  DHCP_DDNS_AT_MAX_TRANSACTIONS:
    'queue has %1 requests waiting, but the %2 transactions allowed are all running',
  DHCP_DDNS_CLEARED_FOR_SHUTDOWN: 'application has met shutdown criteria for shutdown type: %1',
  DHCP_DDNS_CONFIGURE: 'configuration %1 received: %2',
  DHCP_DDNS_FAILED: 'application experienced a fatal error: %1',
  DHCP_DDNS_FORWARD_ADD_BAD_DNSCLIENT_STATUS:
    'DHCP_DDNS Request ID %1: DNS client returned an unexpected status %2 while adding forward address for FQDN %3 to DNS server %4',
  DHCP_DDNS_FORWARD_ADD_IO_ERROR:
    'DHCP_DDNS Request ID %1: the forward address add for FQDN %2 got no usable answer from DNS server %3',
  DHCP_DDNS_FORWARD_ADD_REJECTED:
    'DNS Request ID %1: server %2 rejected the forward address add for FQDN %3 with rcode %4',
  DHCP_DDNS_FORWARD_ADD_RESP_CORRUPT:
    'DHCP_DDNS Request ID %1: the answer of DNS server %2 to the forward address add for FQDN %3 is corrupt: %4',
  DHCP_DDNS_FORWARD_REMOVE_ADDRS_IO_ERROR:
    'DHCP_DDNS Request ID %1: the forward address removal for FQDN %2 got no usable answer from DNS server %3',
  DHCP_DDNS_FORWARD_REMOVE_ADDRS_REJECTED:
    'DHCP_DDNS Request ID %1: server %2 rejected the forward address removal for FQDN %3 with rcode %4',
  DHCP_DDNS_FORWARD_REMOVE_ADDRS_RESP_CORRUPT:
    'DHCP_DDNS Request ID %1: the answer of DNS server %2 to the forward address removal for FQDN %3 is corrupt: %4',
  DHCP_DDNS_FORWARD_REMOVE_RRS_IO_ERROR:
    'DHCP_DDNS Request ID %1: the forward RR removal for FQDN %2 got no usable answer from DNS server %3',
  DHCP_DDNS_FORWARD_REMOVE_RRS_REJECTED:
    'DHCP_DDNS Request ID %1: server %2 rejected the forward RR removal for FQDN %3 with rcode %4',
  DHCP_DDNS_FORWARD_REMOVE_RRS_RESP_CORRUPT:
    'DHCP_DDNS Request ID %1: the answer of DNS server %2 to the forward RR removal for FQDN %3 is corrupt: %4',
  DHCP_DDNS_FORWARD_REPLACE_IO_ERROR:
    'DHCP_DDNS Request ID %1: the forward address replace for FQDN %2 got no usable answer from DNS server %3',
  DHCP_DDNS_FORWARD_REPLACE_REJECTED:
    'DHCP_DDNS Request ID %1: server %2 rejected the forward address replace for FQDN %3 with rcode %4',
  DHCP_DDNS_FORWARD_REPLACE_RESP_CORRUPT:
    'DHCP_DDNS Request ID %1: the answer of DNS server %2 to the forward address replace for FQDN %3 is corrupt: %4',
  DHCP_DDNS_FWD_REQUEST_IGNORED:
    'DHCP_DDNS Request ID %1: forward updates are disabled (no forward-ddns domains), the forward part of the request is ignored: %2',
  DHCP_DDNS_INVALID_RESPONSE: 'received response to DNS Update message is malformed: %1',
  DHCP_DDNS_NOT_ON_LOOPBACK:
    'the DHCP-DDNS server is listening for NameChangeRequests on %1, which is not a loopback address: NCRs are unauthenticated',
  DHCP_DDNS_NO_ELIGIBLE_JOBS:
    "although there are %1 requests queued, none can start: each one's DHCID has a transaction running (%2 running)",
  DHCP_DDNS_NO_FWD_MATCH_ERROR:
    'DHCP_DDNS Request ID %1: no forward domain matches the FQDN of the request, dropped: %2',
  DHCP_DDNS_NO_MATCH: 'no DNS domain matches %1',
  DHCP_DDNS_NO_REV_MATCH_ERROR:
    'DHCP_DDNS Request ID %1: no reverse domain matches the address of the request, dropped: %2',
  DHCP_DDNS_QUEUE_MGR_QUEUE_FULL:
    'the request queue is full at its maximum of %1: receiving paused, the request is dropped',
  DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE: 'DHCP_DDNS Request ID %1: received and queued a request',
  DHCP_DDNS_QUEUE_MGR_RECONFIGURING: 'application is reconfiguring the queue manager',
  DHCP_DDNS_QUEUE_MGR_RESUMING: 'the request queue has room again (%1 of %2 used): receiving resumes',
  DHCP_DDNS_QUEUE_MGR_STARTED: "application's queue manager has begun listening for requests",
  DHCP_DDNS_QUEUE_MGR_START_ERROR: 'application could not start the queue manager: %1',
  DHCP_DDNS_QUEUE_MGR_STOPPED: "application's queue manager has stopped listening for requests",
  DHCP_DDNS_QUEUE_MGR_STOPPING: 'application is stopping the queue manager for %1',
  DHCP_DDNS_REMOVE_FAILED: 'DHCP_DDNS Request ID %1: transaction outcome: %2',
  DHCP_DDNS_REMOVE_SUCCEEDED:
    'DHCP_DDNS Request ID %1: successfully removed the DNS mapping for this request: %2',
  DHCP_DDNS_REQUEST_DROPPED:
    'DHCP_DDNS Request ID %1: no direction left to update, the request is dropped: %2',
  DHCP_DDNS_REVERSE_REMOVE_IO_ERROR:
    'DHCP_DDNS Request ID %1: the reverse pointer removal for FQDN %2 got no usable answer from DNS server %3',
  DHCP_DDNS_REVERSE_REMOVE_REJECTED:
    'DHCP_DDNS Request ID %1: server %2 rejected the reverse pointer removal for FQDN %3 with rcode %4',
  DHCP_DDNS_REVERSE_REMOVE_RESP_CORRUPT:
    'DHCP_DDNS Request ID %1: the answer of DNS server %2 to the reverse pointer removal for FQDN %3 is corrupt: %4',
  DHCP_DDNS_REVERSE_REPLACE_IO_ERROR:
    'DHCP_DDNS Request ID %1: the reverse pointer replace for FQDN %2 got no usable answer from DNS server %3',
  DHCP_DDNS_REVERSE_REPLACE_REJECTED:
    'DHCP_DDNS Request ID %1: server %2 rejected the reverse pointer replace for FQDN %3 with rcode %4',
  DHCP_DDNS_REVERSE_REPLACE_RESP_CORRUPT:
    'DHCP_DDNS Request ID %1: the answer of DNS server %2 to the reverse pointer replace for FQDN %3 is corrupt: %4',
  DHCP_DDNS_REV_REQUEST_IGNORED:
    'DHCP_DDNS Request ID %1: reverse updates are disabled (no reverse-ddns domains), the reverse part of the request is ignored: %2',
  DHCP_DDNS_SHUTDOWN_COMMAND: 'application received shutdown command with args: %1',
  DHCP_DDNS_STARTED: 'Kea DHCP-DDNS server version %1 started',
  DHCP_DDNS_STARTING_TRANSACTION: 'DHCP_DDNS Request ID %1: starting a %2 transaction',
  DHCP_DDNS_TRANS_SEND_ERROR: 'DHCP_DDNS Request ID %1: could not send the DNS update: %2',
  DHCP_DDNS_UPDATE_REQUEST_SENT: 'DHCP_DDNS Request ID %1: %2 update sent to server: %3',
  DHCP_DDNS_UPDATE_RESPONSE_RECEIVED: 'DHCP_DDNS Request ID %1: to server: %2 status: %3',
});

/** Kea's D2 loggers: 'dhcpddns' (the process), 'dhcp-to-d2' (NCR intake) and 'd2-to-dns' (updates). */
export const LOGGER = {
  process: 'kea-dhcp-ddns.dhcpddns',
  dhcpToD2: 'kea-dhcp-ddns.dhcp-to-d2',
  d2ToDns: 'kea-dhcp-ddns.d2-to-dns',
} as const;

/** Kea's debug levels (log/log_dbglevels.h). */
export const DBG_START_SHUT = 0;
export const DBG_TRACE_BASIC = 40;
export const DBG_TRACE_DETAIL = 50;
export const DBG_TRACE_DETAIL_DATA = 55;
