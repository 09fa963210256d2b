// Syslog output through libc's openlog/syslog (via koffi): Node has no client for the /dev/log datagram
// socket. koffi is loaded on first use, so processes that never log to syslog never load native code.

import { createRequire } from 'node:module';
import type { EmitSeverity } from './record.js';

const FACILITIES: Record<string, number> = {
  kern: 0,
  user: 1,
  mail: 2,
  daemon: 3,
  auth: 4,
  syslog: 5,
  lpr: 6,
  news: 7,
  uucp: 8,
  cron: 9,
  authpriv: 10,
  ftp: 11,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
};

// Kea's mapping (through log4cplus): FATAL is LOG_CRIT.
const PRIORITY: Record<EmitSeverity, number> = { FATAL: 2, ERROR: 3, WARN: 4, INFO: 6, DEBUG: 7 };

export const DEFAULT_FACILITY = 'local0';

/** Facility code for a name such as 'local7' (case-insensitive), or undefined when unknown. */
export function facilityCode(name: string): number | undefined {
  const code = FACILITIES[name.toLowerCase()];
  return code === undefined ? undefined : code << 3;
}

interface Libc {
  openlog(ident: Buffer, option: number, facility: number): void;
  syslog(priority: number, format: string, ...typedArgs: unknown[]): void;
  closelog(): void;
}

let libc: Libc | null = null;
// openlog keeps the pointer it is given, so the ident must outlive every later syslog() call.
let identBuffer: Buffer | null = null;
let openIdent = '';

function load(): Libc {
  if (libc !== null) return libc;
  const require = createRequire(import.meta.url);
  const koffi = require('koffi') as typeof import('koffi');
  const lib = koffi.load('libc.so.6');
  libc = {
    openlog: lib.func('void openlog(void *ident, int option, int facility)') as Libc['openlog'],
    syslog: lib.func('void syslog(int priority, const char *format, ...)') as Libc['syslog'],
    closelog: lib.func('void closelog(void)') as Libc['closelog'],
  };
  return libc;
}

/** Opens the connection settings once per process; the facility is passed with every message instead. */
export function openSyslog(ident: string): void {
  const c = load();
  const buf = Buffer.from(`${ident}\0`, 'utf8');
  c.openlog(buf, 0, FACILITIES.user! << 3);
  identBuffer = buf;
  openIdent = ident;
}

export function closeSyslog(): void {
  if (libc === null || identBuffer === null) return;
  libc.closelog();
  identBuffer = null;
}

export class SyslogSink {
  constructor(
    private readonly ident: string,
    private readonly facility: number,
  ) {}

  write(line: string, severity: EmitSeverity): void {
    // Reopened when initLogging renamed the root after the first syslog message.
    if (identBuffer === null || openIdent !== this.ident) openSyslog(this.ident);
    // syslogd adds its own line structure, so a pattern's trailing newline would show as '#012'.
    const msg = line.endsWith('\n') ? line.slice(0, -1) : line;
    // '%s' as the format: the message itself is never interpreted by printf.
    libc!.syslog(this.facility | PRIORITY[severity], '%s', 'const char *', msg);
  }
}
