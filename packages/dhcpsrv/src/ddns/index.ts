// DDNS decisions shared by kea-dhcp4 and kea-dhcp6.

export { ncrToText } from '@kea-ts/dhcp-ddns';
export {
  answerClientFqdn,
  applyHookedName,
  callDdnsUpdate,
  type DdnsUpdateArgs,
  hostnameLabelCount,
  updateDirections,
} from './answer.js';
export {
  type ClientFqdn,
  encodeClientFqdn,
  fqdnName,
  fqdnText,
  nameLabels,
  parseClientFqdn,
  setFqdnName,
} from './client-fqdn.js';
export {
  CHG_ADD,
  CHG_REMOVE,
  createD2Client,
  D2_CLIENT_MESSAGES,
  D2ClientMgr,
  type DhcpDdnsInput,
  replaceD2Client,
  type SendFailedLog,
} from './d2-client.js';
export { dhcid4, sameFqdn } from './lease-dns.js';
export {
  DDNS_DEFAULTS,
  type DdnsNameParams,
  ddnsTtl,
  FQDN_FLAG_E,
  FQDN_FLAG_N4,
  FQDN_FLAG_N6,
  FQDN_FLAG_O,
  FQDN_FLAG_S,
  fqdnFlagN,
  generateName,
  hostnameSanitizer,
  qualifyName,
  replacesSentName,
  scrub,
  serverFqdnFlags,
  suppliesMissingName,
} from './names.js';
