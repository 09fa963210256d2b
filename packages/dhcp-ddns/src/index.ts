// Public entry point of @kea-ts/dhcp-ddns: the NameChangeRequest model, Kea's JSON and UDP framing of it,
// and the UDP sender (DHCP servers) and receiver (D2).
export {
  ERR_DHCP_DDNS_BAD_NCR,
  ERR_DHCP_DDNS_BAD_OPTION,
  ERR_DHCP_DDNS_QUEUE_FULL,
  ERR_DHCP_DDNS_SENDER_NOT_READY,
  ERR_DHCP_DDNS_SOCKET,
} from './errors.js';
export { LOGGER_NAME as DHCP_DDNS_LOGGER_NAME, MSG as DHCP_DDNS_MESSAGES } from './messages.js';
export {
  CHG_ADD,
  CHG_REMOVE,
  createNcr,
  formatLeaseExpiresOn,
  isV6Ncr,
  type NameChangeRequest,
  type NameChangeType,
  type NcrFields,
  ncrEquals,
  ncrFromJson,
  ncrToJson,
  ncrToText,
  parseLeaseExpiresOn,
} from './ncr.js';
export { type NcrFormat, type NcrProtocol, parseNcrFormat, parseNcrProtocol } from './protocol.js';
export {
  NCR_RECV_BUFFER,
  type NcrSource,
  NcrUdpReceiver,
  type NcrUdpReceiverOptions,
} from './udp-receiver.js';
export {
  MAX_QUEUE_DEFAULT,
  type NcrSendResult,
  NcrUdpSender,
  type NcrUdpSenderOptions,
} from './udp-sender.js';
export { decodeNcr, encodeNcr, NCR_MAX_DATAGRAM } from './wire.js';
