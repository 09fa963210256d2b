// Public entry point of @kea-ts/dhcpsrv. For now: the lease model, the LeaseMgr contract and the
// memfile backend with Kea 2.2's CSV lease files and LFC.

export type { EvalContext } from '@kea-ts/eval';
export * from './alloc/index.js';
export * from './alloc6/index.js';
export {
  ClassDictionary,
  type ClassGuard,
  type ClassLifetime,
  type ClientClassDef,
  classLifetime,
  guardAllows,
  isBuiltInClass,
  PacketClasses,
  tripletGet,
} from './cfg/classes.js';
export {
  addReservedClassesLate,
  CLASSIFY_MESSAGES,
  type ClassifyLog,
  reservedClassesNow,
  runAfterHostPass,
  runClassPass,
  runClassTest,
  runRequiredClasses,
} from './cfg/classify-run.js';
export { hostKey, Subnet4Lookups } from './cfg/lookups.js';
export { hostKey6, Subnet6Lookups } from './cfg/lookups6.js';
export type {
  CfgOption,
  Dhcp4Config,
  EffectiveParams,
  Host4,
  IdentifierType,
  Pool4,
  ScopedParams,
  SharedNetwork4,
  Subnet4,
} from './cfg/types.js';
export { IDENTIFIER_TYPES } from './cfg/types.js';
export type {
  Dhcp6Config,
  EffectiveParams6,
  Host6,
  IdentifierType6,
  PdPool6,
  Pool6,
  ReservedPrefix,
  ScopedParams6,
  ServerIdConfig,
  SharedNetwork6,
  Subnet6,
} from './cfg/types6.js';
export { IDENTIFIER_TYPES6 } from './cfg/types6.js';
export * from './ddns/index.js';
export * from './errors.js';
export { CLASS_CMDS_LIBRARY, CLASS_CMDS_MSG, classCmdsLibrary, type RunCommand } from './hooks/class-cmds.js';
export {
  FLEX_ID_DBG,
  FLEX_ID_LIBRARY,
  FLEX_ID_MSG,
  type FlexIdSettings,
  FlexIdValues,
  flexIdLogger,
  flexIdSettings,
} from './hooks/flex-id.js';
export { flexIdLibrary } from './hooks/flex-id-library.js';
export {
  calloutIdentifier4,
  calloutIdentifier6,
  type Host4IdentifierArgs,
  type Host6IdentifierArgs,
  host4Identifier,
  host6Identifier,
} from './hooks/host-identifier.js';
export { ConfigHostSource } from './host/config-host-source.js';
export { host4ToRecord, host6ToRecord, recordToHost4, recordToHost6 } from './host/host-convert.js';
export { accessText } from './host/host-messages.js';
export {
  ClientDbHosts,
  configHostSource4,
  configHostSource6,
  type HostDbEntry,
  HostMgr,
  type HostSourceOpeners,
  hostDatabases,
  hostDbKey,
} from './host/host-mgr.js';
export * from './host/host-source.js';
export {
  foldHostRows,
  type HostRow,
  openSqlHostSource,
  SqlHostDataSourceBase,
  type SqlHostTx,
} from './host/host-sql-common.js';
export {
  DB_MESSAGES,
  type DbLossHandler,
  dbUnusable,
  isDbUnusable,
  ON_FAIL_ACTIONS,
  type OnFailAction,
  ReconnectCtl,
  reportMysqlTls,
  reportPgsqlTls,
  reportPgsqlTlsConfigured,
} from './lease/db-reconnect.js';
export { keaJsonText, parseKeaJsonMap } from './lease/kea-json.js';
export {
  HTYPE_ETHER,
  isLeaseExpired,
  LEASE_STATE_DECLINED,
  LEASE_STATE_DEFAULT,
  LEASE_STATE_EXPIRED_RECLAIMED,
  LEASE_TYPE_NA,
  LEASE_TYPE_PD,
  LEASE_TYPE_TA,
  type Lease4,
  type Lease6,
  type Lease6Type,
  leaseExpire,
  makeLease4,
  makeLease6,
} from './lease/lease.js';
export {
  type ClientLeases4,
  clientLeasesBy,
  type LeaseMgr,
  type LeaseMgr4,
  type LeaseMgr6,
  type LeaseMgrBase,
  type LeaseStatsRow,
} from './lease/lease-mgr.js';
export {
  type CommonSql,
  type DbReconnectParams,
  type LeaseMapping,
  openSqlLeaseMgr,
  parseSqlDbParams,
  type SqlDbParams,
  SqlLeaseMgrBase,
  type SqlLender,
  SqlQueryQueue,
  type SqlStatsRow,
  sqlTlsOptions,
  userContextFromText,
} from './lease/sql-lease-common.js';
export { type CsvSchema, escapeField, type FileLayout, readHeader, unescapeField } from './memfile/csv.js';
export { checkLease4, formatLease4Row, LEASE4_SCHEMA, parseLease4Row } from './memfile/csv-lease4.js';
export { checkLease6, formatLease6Row, LEASE6_SCHEMA, parseLease6Row } from './memfile/csv-lease6.js';
export {
  type LeaseCodec,
  type LoadResult,
  type LoadTarget,
  loadLeaseFile,
} from './memfile/lease-file-loader.js';
export { LeaseFileWriter } from './memfile/lease-file-writer.js';
export { isProcessAlive, lfcFileNames, pidFileIsLive, readPidFile } from './memfile/lfc-files.js';
export {
  LFC_MAX_ROW_ERRORS,
  type LfcFiles,
  type LfcStats,
  lfcProcessLeases,
  lfcRotateFiles,
} from './memfile/lfc-process.js';
export { LfcRunner } from './memfile/lfc-runner.js';
export { type MemfileOptions, memfileOptionsOf } from './memfile/memfile-options.js';
export { LEASE4_CODEC, MemfileLeaseMgr4 } from './memfile/memfile4.js';
export { LEASE6_CODEC, MemfileLeaseMgr6 } from './memfile/memfile6.js';
export { DHCPSRV_MESSAGES } from './messages.js';
export { checkDhcp4Config } from './parsers/check-dhcp4.js';
export { checkDhcp6Config } from './parsers/check-dhcp6.js';
export { type Dhcp4Input, dhcp4Schema } from './parsers/globals-schema.js';
export { type Dhcp6Input, dhcp6Schema } from './parsers/globals6-schema.js';
export { unparseDhcp4Config } from './parsers/unparse-dhcp4.js';
export { unparseDhcp6Config } from './parsers/unparse-dhcp6.js';
export { type DhcpCommandTarget, registerDhcpServerCommands } from './server/commands.js';
export { configSummary } from './server/config-summary.js';
export {
  type DbConnectionServer,
  dbLossHandler,
  watchHostDatabases,
  watchLeaseDatabase,
} from './server/db-connection.js';
export { type DisableOrigin, NetworkState } from './server/network-state.js';
