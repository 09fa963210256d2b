// Turns Kea output_options into sinks (stdout, stderr, syslog, files) and log4js appenders. Sinks live
// across reconfigurations: an output named again by the next configuration keeps its open file, and
// only outputs no longer named are closed, so a config reload neither loses nor reorders lines.

import type { AppenderFunction, AppenderModule, CustomAppender, LoggingEvent } from 'log4js';
import { formatMessage } from './catalog.js';
import { KEA_ERR_LOG_OPEN_OUTPUT, LogError } from './errors.js';
import { DEFAULT_MAXSIZE, DEFAULT_MAXVER, FileSink } from './file-sink.js';
import { LOG_MESSAGES } from './messages.js';
import { compilePattern, DEFAULT_PATTERN, DEFAULT_SYSLOG_PATTERN, type Layout } from './pattern.js';
import { type EmitSeverity, LogRecord } from './record.js';
import { closeSyslog, DEFAULT_FACILITY, facilityCode, SyslogSink } from './syslog.js';
import type { OutputOption } from './types.js';

export interface Sink {
  write(line: string, severity: EmitSeverity): void;
  flushSync?(): void;
  close?(): void;
}

class StreamSink implements Sink {
  constructor(private readonly stream: NodeJS.WriteStream) {}
  // On Linux, writes to stdout/stderr files and pipes are synchronous in Node, which gives flush=true.
  write(line: string): void {
    this.stream.write(line);
  }
}

/** Reports a broken output on stderr; it cannot go through the logger that is failing. */
function reportOutputError(path: string, err: unknown): void {
  const why = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${formatMessage(LOG_MESSAGES.LOG_WRITE_ERROR, [path, why])}\n`);
}

function sinkKey(o: OutputOption): string {
  if (o.output === 'stdout' || o.output === 'stderr') return o.output;
  if (o.output === 'syslog' || o.output.startsWith('syslog:')) return o.output;
  return `file:${o.output}`;
}

function isSyslog(output: string): boolean {
  return output === 'syslog' || output.startsWith('syslog:');
}

export class OutputSet {
  /** Appender functions handed to log4js by id (log4js deep-clones its configuration objects). */
  private readonly appenderFns = new Map<string, AppenderFunction>();
  private readonly module: AppenderModule = {
    configure: (config?: { id?: string }) => this.appenderFns.get(config?.id ?? '') ?? (() => {}),
  };

  constructor(
    readonly sinks: Map<string, Sink>,
    readonly appenders: Record<string, CustomAppender>,
    /** Appender names per output list, in the order the lists were added. */
    readonly names: string[][],
  ) {}

  static build(lists: OutputOption[][], previous: Map<string, Sink> | null, ident: string): OutputSet {
    const set = new OutputSet(new Map(), {}, []);
    const byAppenderKey = new Map<string, string>();
    try {
      for (const list of lists) {
        const names: string[] = [];
        for (const o of list) {
          const key = sinkKey(o);
          let sink = set.sinks.get(key);
          if (sink === undefined) {
            sink = OutputSet.reuseOrOpen(key, o, previous, ident);
            set.sinks.set(key, sink);
          }
          const pattern = o.pattern || (isSyslog(o.output) ? DEFAULT_SYSLOG_PATTERN : DEFAULT_PATTERN);
          const appenderKey = `${key}\u0000${pattern}`;
          let name = byAppenderKey.get(appenderKey);
          if (name === undefined) {
            name = `kea${byAppenderKey.size}`;
            byAppenderKey.set(appenderKey, name);
            set.addAppender(name, sink, compilePattern(pattern));
          }
          if (!names.includes(name)) names.push(name);
        }
        set.names.push(names);
      }
    } catch (err) {
      set.closeSinksNotIn(previous);
      throw err;
    }
    return set;
  }

  private static reuseOrOpen(
    key: string,
    o: OutputOption,
    previous: Map<string, Sink> | null,
    ident: string,
  ): Sink {
    const old = previous?.get(key);
    if (old instanceof StreamSink) return old; // syslog sinks are rebuilt: the ident may have changed
    if (o.output === 'stdout') return new StreamSink(process.stdout);
    if (o.output === 'stderr') return new StreamSink(process.stderr);
    if (isSyslog(o.output)) {
      const name = o.output === 'syslog' ? DEFAULT_FACILITY : o.output.slice('syslog:'.length);
      // An unknown facility name falls back to 'user', as syslog itself does, rather than failing a
      // configuration that Kea would have accepted.
      return new SyslogSink(ident, facilityCode(name) ?? facilityCode('user')!);
    }
    const options = {
      maxsize: o.maxsize ?? DEFAULT_MAXSIZE,
      maxver: Math.max(1, o.maxver ?? DEFAULT_MAXVER),
      flush: o.flush ?? true,
    };
    if (old instanceof FileSink) {
      const same =
        old.options.maxsize === options.maxsize &&
        old.options.maxver === options.maxver &&
        old.options.flush === options.flush;
      if (same) return old;
    }
    try {
      return new FileSink(o.output, options, reportOutputError);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new LogError(
        KEA_ERR_LOG_OPEN_OUTPUT,
        formatMessage(LOG_MESSAGES.LOG_OPEN_OUTPUT_FAIL, [o.output, why]),
        { cause: err },
      );
    }
  }

  private addAppender(name: string, sink: Sink, layout: Layout): void {
    this.appenderFns.set(name, (event: LoggingEvent) => {
      const r = event.data[0];
      if (r instanceof LogRecord) sink.write(layout(r), r.severity);
    });
    this.appenders[name] = { type: this.module, id: name };
  }

  flushSync(): void {
    for (const s of this.sinks.values()) s.flushSync?.();
  }

  /** Closes this set's sinks that `keep` does not hold (identity), e.g. after a newer set replaced it. */
  closeSinksNotIn(keep: Map<string, Sink> | null): void {
    const kept = new Set(keep?.values() ?? []);
    let syslogGone = false;
    for (const [key, s] of this.sinks) {
      if (kept.has(s)) continue;
      s.close?.();
      if (isSyslog(key)) syslogGone = true;
    }
    if (syslogGone && ![...kept].some((s) => s instanceof SyslogSink)) closeSyslog();
  }
}
