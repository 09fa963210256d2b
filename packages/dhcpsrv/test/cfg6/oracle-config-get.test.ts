// Oracle: for every config of the corpus (Kea's examples and our own), our config-get form equals the
// Dhcp6 map real Kea 2.2 answered to config-get (fixtures from scripts/capture/config6/capture.mjs).
// Key order is ignored; list order is not.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type JsonValue, parseJsonFile } from '@kea-ts/cc';
import t from 'tap';
import { checkDhcp6Config, unparseDhcp6Config } from '../../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', '..', '..', 'test', 'fixtures', 'config6');

function sortKeys(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, JsonValue>)[k]!)]),
    );
  }
  return v;
}

const dir = join(FIXTURES, 'valid');
// The corpus names this data-directory (the capture ran Kea with it); Kea and we refuse a missing one.
mkdirSync('/tmp/kea-ts-config6/data', { recursive: true });
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.config-get.json'))
  .map((f) => f.replace('.config-get.json', ''));

t.ok(names.length >= 20, `corpus has ${names.length} configs`);
for (const name of names) {
  t.test(name, async (t) => {
    const file = join(dir, `${name}.json`);
    const parsed = parseJsonFile(file);
    const root = parsed.value as Record<string, JsonValue>;
    const config = checkDhcp6Config(root.Dhcp6!, { file, positions: parsed.positions });
    const expected = JSON.parse(readFileSync(join(dir, `${name}.config-get.json`), 'utf8')) as JsonValue;
    t.same(sortKeys(unparseDhcp6Config(config)), sortKeys(expected));
  });
}
