// Public entry point of @kea-ts/d2srv: the DhcpDdns config, domain matching, the DNS update client, the
// name-change transactions and the running service with Kea's D2 statistics.
export {
  checkD2Config,
  type D2Config,
  type DdnsDomain,
  type DnsServerInfo,
  KEY as D2_CONFIG_KEY,
  type TsigKeyInfo,
  unparseD2Config,
} from './config.js';
export { type DnsResult, type DnsStatus, sendUpdate } from './dns-client.js';
export { matchDomain, reverseName } from './domains.js';
export { LOGGER as D2_LOGGERS, MSG as D2_MESSAGES } from './messages.js';
export { NameAddTransaction } from './nc-add.js';
export { NameRemoveTransaction } from './nc-remove.js';
export {
  D2Service,
  type D2ServiceOptions,
  MAX_QUEUE_SIZE,
  MAX_TRANSACTIONS,
  QUEUE_RESTART_PERCENT,
  type ShutdownType,
} from './service.js';
export { SimpleAddTransaction } from './simple-add.js';
export { SimpleRemoveTransaction } from './simple-remove.js';
export { D2Stats, KEY_STATS, keyStatName, NCR_STATS, UPDATE_STATS } from './stats.js';
export {
  MAX_UPDATE_TRIES_PER_SERVER,
  NameChangeTransaction,
  type Next,
  type Step,
  serverText,
  type TransactionEnv,
  type TransactionOutcome,
} from './transaction.js';
