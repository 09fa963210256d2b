// The process-wide logging state: the root name, the applied `loggers` entries, the open outputs and
// every Logger handed out. Resolution follows Kea: a logger uses the entry with its own name, else the
// nearest ancestor's ('kea-dhcp4.packets' -> 'kea-dhcp4'), else the startup default.

import log4js, { type Configuration } from 'log4js';
import { getDuplicateMessageIds } from './catalog.js';
import { KEA_ERR_LOG_CONFIG, LogError } from './errors.js';
import { KeaLogger } from './logger.js';
import { LOG_MESSAGES } from './messages.js';
import { OutputSet } from './outputs.js';
import type { Logger, LoggerConfig, LoggingOptions, OutputOption, Severity } from './types.js';
import { validateLoggers } from './validate.js';

interface Effective {
  severity: Severity;
  debuglevel: number;
  outputs: OutputOption[];
}

let rootName = 'kea';
let verbose = false;
let ready = false;
let entries = new Map<string, Effective>();
let startup: Effective = { severity: 'INFO', debuglevel: 0, outputs: [{ output: 'stdout' }] };
let outputs: OutputSet | null = null;
let exitHookInstalled = false;

const byName = new Map<string, KeaLogger>();
const byComponent = new Map<string, KeaLogger>();
const host = { ensureReady };

/** Loggers are created once per name and kept, so later configurations reach them. */
export function getLogger(name: string): Logger {
  let l = byName.get(name);
  if (l === undefined) {
    l = new KeaLogger(() => name, host);
    byName.set(name, l);
    applyTo(l);
  }
  return l;
}

/**
 * A logger named '<root>.<component>' whose root is whatever initLogging set, for libraries shared by
 * several daemons (Kea's libdhcpsrv logs as 'kea-dhcp4.dhcpsrv' in one and 'kea-dhcp6.dhcpsrv' in the other).
 */
export function getComponentLogger(component: string): Logger {
  let l = byComponent.get(component);
  if (l === undefined) {
    l = new KeaLogger(() => `${rootName}.${component}`, host);
    byComponent.set(component, l);
    applyTo(l);
  }
  return l;
}

/** The root logger name set by initLogging ('kea' before). */
export function getRootLoggerName(): string {
  return rootName;
}

/** Reads KEA_LOGGER_DESTINATION: stdout (default), stderr, syslog, syslog:<facility> or a file path. */
function startupOutput(): OutputOption {
  const dest = process.env.KEA_LOGGER_DESTINATION?.trim();
  return { output: dest ? dest : 'stdout' };
}

export function initLogging(name: string, options?: LoggingOptions): void {
  rootName = name;
  verbose = options?.verbose ?? false;
  startup = { severity: 'INFO', debuglevel: 0, outputs: [startupOutput()] };
  try {
    apply(new Map());
  } catch (err) {
    // An unusable KEA_LOGGER_DESTINATION must not stop the daemon before it can say anything.
    const bad = startup.outputs[0]!.output;
    startup = { severity: 'INFO', debuglevel: 0, outputs: [{ output: 'stdout' }] };
    apply(new Map());
    getLogger(rootName).error(LOG_MESSAGES.LOG_BAD_DESTINATION, `${bad} (${(err as Error).message})`);
  }
  for (const d of getDuplicateMessageIds())
    getLogger(rootName).warn(LOG_MESSAGES.LOG_DUPLICATE_MESSAGE_ID, d.id);
}

/**
 * Applies a parsed `loggers` list. All outputs are opened before anything changes, so a bad file path
 * throws (KEA_ERR_LOG_OPEN_OUTPUT) and leaves the previous configuration in place.
 */
export function configureLoggers(configs: LoggerConfig[], options?: LoggingOptions): void {
  const problem = validateLoggers(configs);
  if (problem !== null) throw new LogError(KEA_ERR_LOG_CONFIG, problem);
  if (options?.verbose !== undefined) verbose = options.verbose;
  const next = new Map<string, Effective>();
  for (const c of configs) {
    const list = c.output_options ?? c['output-options'];
    next.set(c.name, {
      severity: (c.severity?.toUpperCase() as Severity | undefined) ?? 'INFO',
      debuglevel: c.debuglevel ?? 0,
      // Kea's logger entry starts with stdout as its destination when it lists none.
      outputs: list && list.length > 0 ? list : [{ output: 'stdout' }],
    });
  }
  apply(next);
}

function apply(next: Map<string, Effective>): void {
  const names = [...next.keys()].filter((n) => n !== rootName && n !== 'default');
  const rootEffective = next.get(rootName) ?? startup;
  const set = OutputSet.build(
    [rootEffective.outputs, ...names.map((n) => next.get(n)!.outputs)],
    outputs?.sinks ?? null,
    rootName,
  );
  // log4js routes events to outputs. Gating is ours (level ALL), and inherit:false gives Kea's
  // "most specific entry wins" instead of log4js' additive appenders.
  const categories: Configuration['categories'] = { default: { appenders: set.names[0]!, level: 'ALL' } };
  categories[rootName] = { appenders: set.names[0]!, level: 'ALL' };
  names.forEach((n, i) => {
    categories[n] = {
      appenders: set.names[i + 1]!,
      level: 'ALL',
      inherit: false,
    } as Configuration['categories'][string];
  });
  // disableClustering: under pm2 or node:cluster log4js would otherwise ship events to another process,
  // where our LogRecord objects arrive as plain data and the process's own outputs are bypassed.
  log4js.configure({ appenders: set.appenders, categories, disableClustering: true });
  outputs?.closeSinksNotIn(set.sinks);
  outputs = set;
  entries = next;
  ready = true;
  installExitHook();
  for (const l of byName.values()) applyTo(l);
  for (const l of byComponent.values()) applyTo(l);
}

function resolve(name: string): Effective {
  for (let n = name; ; ) {
    const e = entries.get(n);
    if (e !== undefined) return e;
    const dot = n.lastIndexOf('.');
    if (dot <= 0) break;
    n = n.slice(0, dot);
  }
  return entries.get(rootName) ?? startup;
}

function applyTo(l: KeaLogger): void {
  if (verbose) l.apply('DEBUG', 99);
  else {
    const e = resolve(l.name);
    l.apply(e.severity, e.debuglevel);
  }
}

function ensureReady(): void {
  if (!ready) initLogging(rootName, { verbose });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Buffered (flush: false) file output must reach the disk even when the process exits abruptly.
  process.on('exit', () => outputs?.flushSync());
}

/** Flushes and closes every output; logging after this starts again from the startup default. */
export async function shutdownLogging(): Promise<void> {
  const set = outputs;
  outputs = null;
  ready = false;
  entries = new Map();
  await new Promise<void>((resolveDone) => log4js.shutdown(() => resolveDone()));
  set?.closeSinksNotIn(null);
}
