// config-get's client-classes as Kea 2.2 prints them: v4 classes always show their boot fields and
// option-def list, v6 ones neither; test, only-if-required and lifetimes only when given. An option's
// name is the one the global definitions (standard and option-def) give its code, none when only the
// class's own option-def defines it: Kea looks names up globally.
import type { JsonValue } from '@kea-ts/cc';
import type { DefinitionLookup } from '@kea-ts/dhcp';
import { formatIPv4 } from '@kea-ts/util';
import type { ClassDictionary } from '../cfg/classes.js';
import { type Obj, uc, unparseOptionDefs, unparseOptions } from './unparse-shared.js';

export function unparseClasses(
  dict: ClassDictionary,
  universe: 4 | 6,
  registry: DefinitionLookup,
): JsonValue {
  return dict.list.map((c) => {
    const options = unparseOptions(c.options) as Obj[];
    if (c.optionDefs.length > 0) {
      for (const printed of options) {
        const global = registry.get(String(printed.space), Number(printed.code));
        if (global !== undefined) printed.name = global.name;
        else delete printed.name;
      }
    }
    const out: Obj = { name: c.name, 'option-data': options };
    if (c.testText !== undefined) out.test = c.testText;
    if (c.onlyIfRequired) out['only-if-required'] = true;
    if (universe === 4) {
      out['boot-file-name'] = c.bootFileName;
      out['next-server'] = formatIPv4(c.nextServer);
      out['option-def'] = unparseOptionDefs(c.optionDefs);
      out['server-hostname'] = c.serverHostname;
    }
    for (const [k, v] of Object.entries(c.lifetimeKeys)) out[k] = v;
    return uc(out, c.userContext);
  });
}
