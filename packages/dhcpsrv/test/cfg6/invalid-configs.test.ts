// -t verdicts: every config of the invalid corpus, refused by real kea-dhcp6 -t (its message is kept in
// verdicts.json), is refused by ours with one line naming file:line:column and the key path.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type JsonValue, parseJsonFile } from '@kea-ts/cc';
import { ConfigError } from '@kea-ts/config';
import t from 'tap';
import { checkDhcp6Config } from '../../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', '..', '..', 'test', 'fixtures', 'config6', 'invalid');
const verdicts = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8')) as Record<
  string,
  { path: string; 'kea-exit': number; kea: string }
>;

t.ok(Object.keys(verdicts).length >= 30, 'at least 30 invalid configs');
for (const [name, v] of Object.entries(verdicts)) {
  t.test(name, async (t) => {
    t.not(v['kea-exit'], 0, `real Kea refuses it: ${v.kea}`);
    const file = join(dir, `${name}.json`);
    const parsed = parseJsonFile(file);
    const root = parsed.value as Record<string, JsonValue>;
    let err: unknown;
    try {
      checkDhcp6Config(root.Dhcp6!, { file, positions: parsed.positions });
    } catch (e) {
      err = e;
    }
    t.ok(err instanceof ConfigError, 'refused with a ConfigError');
    const message = (err as Error).message;
    t.match(message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `), message);
    t.ok(message.includes(`${v.path}`), `names ${v.path}: ${message}`);
  });
}
