// DDNS decisions shared by kea-dhcp4 and kea-dhcp6.
export { answerClientFqdn, hostnameLabelCount, updateDirections } from './answer.js';
export {
  type ClientFqdn,
  encodeClientFqdn,
  fqdnName,
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
  dhcid4,
  replaceD2Client,
  type SendFailedLog,
  sameFqdn,
} from './d2-client.js';
export {
  type DdnsNameParams,
  ddnsTtl,
  FQDN_FLAG_E,
  FQDN_FLAG_N,
  FQDN_FLAG_O,
  FQDN_FLAG_S,
  generateName,
  hostnameSanitizer,
  qualifyName,
  replacesSentName,
  scrub,
  serverFqdnFlags,
  suppliesMissingName,
} from './names.js';
