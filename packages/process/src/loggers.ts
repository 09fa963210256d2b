// Turns the checked `loggers` entries into the log package's model and back into config-get's form,
// with Kea's defaults filled in (flush true, maxsize 10240000, maxver 1, pattern "", debuglevel 0).
import type { JsonValue } from '@kea-ts/cc';
import type { LoggerConfig, Severity } from '@kea-ts/log';
import type { LoggerEntry } from './common-schemas.js';

export function toLoggerConfigs(entries: readonly LoggerEntry[] | undefined): LoggerConfig[] {
  return (entries ?? []).map((e) => ({
    name: e.name,
    severity: (e.severity ?? 'INFO') as Severity,
    debuglevel: e.debuglevel ?? 0,
    output_options: (e.output_options ?? e['output-options'] ?? [{ output: 'stdout' }]).map((o) => ({
      output: o.output,
      pattern: o.pattern ?? '',
      flush: o.flush ?? true,
      maxsize: o.maxsize ?? 10240000,
      maxver: o.maxver ?? 1,
    })),
  }));
}

export function unparseLoggers(entries: readonly LoggerEntry[] | undefined): JsonValue {
  return toLoggerConfigs(entries).map((l, i) => {
    const extra = entries?.[i]?.['user-context'];
    return {
      name: l.name,
      severity: l.severity ?? 'INFO',
      debuglevel: l.debuglevel ?? 0,
      output_options: (l.output_options ?? []).map((o) => ({ ...o }) as { [k: string]: JsonValue }),
      ...(extra ? { 'user-context': extra as JsonValue } : {}),
    };
  });
}
