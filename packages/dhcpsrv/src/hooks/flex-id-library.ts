// The flex_id library module both servers register for libdhcp_flex_id.so: host<4|6>_identifier answers
// the 'flex-id' host identifier with the identifier-expression's bytes; with replace-client-id,
// pkt<4|6>_receive puts the flex-id in the query's client identifier (v4: client-id 00 + flex-id, v6:
// DUID 00 00 + flex-id) so the leases are keyed on it, and pkt<4|6>_send gives the client back the
// identifier it sent (none if it sent none), as Kea's library does.
import type { Pkt4, Pkt6 } from '@kea-ts/dhcp';
import { type CalloutHandle, HOOKS_API_VERSION, type HookLibraryModule, NextStep } from '@kea-ts/hooks';
import { formatHex } from '@kea-ts/util';
import { FLEX_ID_DBG, FLEX_ID_MSG, FlexIdValues, flexIdLogger, flexIdSettings } from './flex-id.js';

type Packet = Pkt4 | Pkt6;
type Args = Record<string, unknown>;

interface Family {
  query: string;
  response: string;
  /** Option code of the client identifier: 61 (client-id) or 1 (OPTION_CLIENTID). */
  option: number;
  /** Kea's type for the identifier it makes: client-id type 0, DUID type 0. */
  prefix: Buffer;
  used: string;
  restored: string;
}

const FAMILIES: Record<4 | 6, Family> = {
  4: {
    query: 'query4',
    response: 'response4',
    option: 61,
    prefix: Buffer.of(0),
    used: FLEX_ID_MSG.FLEX_ID_USED_AS_CLIENT_ID,
    restored: FLEX_ID_MSG.FLEX_ID_RESTORE_CLIENT_ID,
  },
  6: {
    query: 'query6',
    response: 'response6',
    option: 1,
    prefix: Buffer.of(0, 0),
    used: FLEX_ID_MSG.FLEX_ID_USED_AS_DUID,
    restored: FLEX_ID_MSG.FLEX_ID_RESTORE_DUID,
  },
};

// The library's own context key for what the client sent.
const SENT = 'client_identifier';

function skipped(h: CalloutHandle<unknown>): boolean {
  return h.next === NextStep.DROP || h.next === NextStep.SKIP;
}

/** A fresh library instance per load, as dlopen() gives Kea fresh library globals. */
export function flexIdLibrary(universe: 4 | 6): HookLibraryModule {
  const log = flexIdLogger(universe);
  const f = FAMILIES[universe];
  return {
    version: () => HOOKS_API_VERSION,
    multi_threading_compatible: () => true,
    load(handle) {
      const settings = flexIdSettings(handle.getParameters(), universe, log);
      if (settings.expression === null) return 0;
      const ids = new FlexIdValues<Packet>(settings.expression, log);
      const query = (h: CalloutHandle<Args>) => h.args[f.query] as Packet;
      handle.registerCallout(`host${universe}_identifier`, (h: CalloutHandle<Args>) => {
        if (skipped(h)) return;
        const id = ids.of(query(h));
        if (id === null) return;
        h.args.id_type = 'flex-id';
        h.args.id_value = id;
      });
      if (!settings.replaceClientId) return 0;
      handle.registerCallout(`pkt${universe}_receive`, (h: CalloutHandle<Args>) => {
        if (skipped(h)) return;
        const q = query(h);
        const id = ids.of(q);
        if (id === null) return;
        const sent = q.getOption(f.option);
        if (sent !== undefined) h.context.set(SENT, Buffer.from(sent));
        const replaced = Buffer.concat([f.prefix, id]);
        q.setOption(f.option, replaced);
        log.debug(FLEX_ID_DBG, f.used, formatHex(replaced, ':'));
      });
      handle.registerCallout(`pkt${universe}_send`, (h: CalloutHandle<Args>) => {
        if (h.next === NextStep.DROP || ids.of(query(h)) === null) return;
        const resp = h.args[f.response] as Packet;
        resp.deleteOption(f.option);
        const sent = h.context.get(SENT) as Buffer | undefined;
        if (sent === undefined) return;
        resp.setOption(f.option, sent);
        log.debug(FLEX_ID_DBG, f.restored, formatHex(sent, ':'));
      });
      return 0;
    },
    unload() {
      log.info(FLEX_ID_MSG.FLEX_ID_UNLOAD);
      return 0;
    },
  };
}
