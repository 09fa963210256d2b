// Every option-data entry of Kea's own all-options examples (Debian's kea-doc) resolves without
// error, with the examples' option-def entries added to the standard registry. Byte-exactness
// against real Kea is oracle.test.ts's job.
import { existsSync } from 'node:fs';
import { parseJsonFile } from '@kea-ts/cc';
import t from 'tap';
import { standardRegistry } from '../../src/defs/registry.js';
import { resolveOptionData } from '../../src/options/option-data.js';
import { parseOptionDef } from '../../src/options/option-def.js';
import { optionValueToText } from '../../src/options/option-value.js';
import type { Universe } from '../../src/types.js';

type Json = Record<string, unknown>;

/** Every option-data list in a config, with where it was found. */
function optionDataLists(node: unknown, path: string, out: [string, unknown[]][]): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) optionDataLists(node[i], `${path}/${i}`, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Json)) {
      if (k === 'option-data' && Array.isArray(v)) out.push([`${path}/${k}`, v]);
      else optionDataLists(v, `${path}/${k}`, out);
    }
  }
}

for (const u of [4, 6] as Universe[]) {
  const file = `/usr/share/doc/kea/examples/kea${u}/all-options.json`;
  t.test(
    `kea${u}/all-options.json resolves`,
    { skip: existsSync(file) ? false : 'kea-doc not installed' },
    (t) => {
      const root = (parseJsonFile(file).value as Json)[`Dhcp${u}`] as Json;
      const defs = ((root['option-def'] as unknown[]) ?? []).map((d) => parseOptionDef(d, u));
      const registry = standardRegistry(u).extend(defs);
      const lists: [string, unknown[]][] = [];
      optionDataLists(root, `Dhcp${u}`, lists);
      let count = 0;
      for (const [path, list] of lists) {
        list.forEach((entry, i) => {
          const where = `${path}/${i} ${JSON.stringify(entry)}`;
          try {
            const r = resolveOptionData(entry, u, registry);
            // The text form of what was encoded reads back to the same bytes.
            if (r.def && r.csvFormat) {
              const text = optionValueToText(r.def, r.payload, registry.universeOf(r.space));
              const again = resolveOptionData({ ...(entry as Json), data: text }, u, registry);
              t.same(again.payload, r.payload, `${where} text form '${text}' round-trips`);
            }
            count++;
          } catch (e) {
            t.fail(`${where}: ${(e as Error).message}`);
          }
        });
      }
      t.ok(count > (u === 4 ? 100 : 50), `${count} entries resolved`);
      t.end();
    },
  );
}
