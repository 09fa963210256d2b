// Every option-data entry of Kea 2.2's own all-options.json examples (Debian's kea-doc) resolves in the
// registry of its daemon, by name and by code, to the same definition, once the file's option-def
// entries are added as Kea adds them.
import { existsSync, readFileSync } from 'node:fs';
import { type JsonValue, parseJson } from '@kea-ts/cc';
import t from 'tap';
import {
  defineOption,
  type OptionDataType,
  type OptionDefinition,
  standardRegistry,
  type Universe,
} from '../../src/index.js';

const EXAMPLES = '/usr/share/doc/kea/examples';

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every entry of a list-valued key anywhere below a value (subnets, pools, classes...). */
function collect(value: JsonValue, key: string, out: JsonObject[] = []): JsonObject[] {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, key, out);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && Array.isArray(v)) out.push(...v.filter(isObject));
      else collect(v, key, out);
    }
  }
  return out;
}

/** An option-def entry as Kea's config carries it (record-types is a comma-separated string). */
function toDefinition(entry: JsonObject): OptionDefinition {
  const recordTypes = String(entry['record-types'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '') as OptionDataType[];
  return defineOption(String(entry.space), {
    name: String(entry.name),
    code: Number(entry.code),
    type: entry.type as OptionDataType,
    array: entry.array === true,
    recordTypes,
    encapsulate: String(entry.encapsulate ?? ''),
  });
}

for (const [universe, file] of [
  [4, `${EXAMPLES}/kea4/all-options.json`],
  [6, `${EXAMPLES}/kea6/all-options.json`],
] as [Universe, string][]) {
  t.test(`kea${universe}/all-options.json`, { skip: existsSync(file) ? false : `${file} missing` }, (t) => {
    const root = parseJson(readFileSync(file, 'utf8'), { file }).value;
    const daemon = isObject(root) ? root[`Dhcp${universe}`] : undefined;
    if (!isObject(daemon)) throw new Error(`no Dhcp${universe} in ${file}`);

    const defs = collect(daemon, 'option-def').map(toDefinition);
    const registry = standardRegistry(universe).extend(defs, universe);
    const data = collect(daemon, 'option-data');
    t.ok(data.length >= (universe === 4 ? 100 : 70), `${data.length} option-data entries`);

    const topSpace = universe === 4 ? 'dhcp4' : 'dhcp6';
    let standard = 0;
    for (const entry of data) {
      const space = typeof entry.space === 'string' ? entry.space : topSpace;
      const name = String(entry.name);
      const byName = registry.getByName(space, name);
      t.ok(byName, `${space}.${name} resolves by name`);
      if (typeof entry.code === 'number') {
        t.equal(registry.get(space, entry.code), byName, `${space}.${name} resolves by code ${entry.code}`);
      }
      if (byName && registry.isStandard(byName)) standard++;
    }
    // The files exercise every standard top-level option that a config may set, plus DOCSIS ones.
    t.ok(standard >= (universe === 4 ? 100 : 60), `${standard} standard definitions used`);
    t.end();
  });
}
