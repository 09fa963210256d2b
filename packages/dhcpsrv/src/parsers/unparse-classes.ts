// config-get's client-classes as Kea 2.2 prints them: v4 classes always show their boot fields and
// option-def list, v6 ones neither; test, only-if-required and lifetimes only when given. An option
// whose definition comes from the class's own option-def is printed without its name (Kea looks names
// up in the global definitions only).
import type { JsonValue } from '@kea-ts/cc';
import { formatIPv4 } from '@kea-ts/util';
import type { ClassDictionary } from '../cfg/classes.js';
import { type Obj, uc, unparseOptionDefs, unparseOptions } from './unparse-shared.js';

export function unparseClasses(dict: ClassDictionary, universe: 4 | 6): JsonValue {
  return dict.list.map((c) => {
    const own = new Set(c.optionDefs.map((u) => u.def));
    const options = unparseOptions(c.options) as Obj[];
    for (const o of c.options) {
      if (o.def === undefined || !own.has(o.def)) continue;
      const printed = options.find((p) => p.code === o.code && p.space === o.space);
      if (printed) delete printed.name;
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
