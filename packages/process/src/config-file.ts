// The top level of a config file: one map holding exactly the daemon's own key, as Kea 2.2 requires.
import type { JsonValue } from '@kea-ts/cc';
import { type ConfigSource, configError } from '@kea-ts/config';

export function isMap(value: JsonValue | undefined): value is { [k: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the daemon's section or throws a ConfigError naming the position. */
export function checkRoot(value: JsonValue, source: ConfigSource, configKey: string): JsonValue {
  if (!isMap(value)) throw configError(source, [], `the configuration must be a map holding "${configKey}"`);
  for (const key of Object.keys(value)) {
    if (key !== configKey) {
      throw configError(
        source,
        [key],
        `unexpected top-level object "${key}": this program reads only "${configKey}"`,
      );
    }
  }
  const section = value[configKey];
  if (section === undefined) throw configError(source, [], `missing mandatory "${configKey}" map`);
  if (!isMap(section)) throw configError(source, [configKey], `"${configKey}" must be a map`);
  return section;
}
