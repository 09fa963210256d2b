// flex_id for DHCPv4 (what loading libdhcp_flex_id.so gives): host4_identifier answers the 'flex-id'
// host identifier with the identifier-expression's bytes; with replace-client-id, pkt4_receive puts the
// flex-id (after a 0 type byte) in the query's client-id, so leases are keyed on it, and pkt4_send gives
// the client back the client-id it sent (or none, if it sent none).
import type { Pkt4 } from '@kea-ts/dhcp';
import {
  FLEX_ID_DBG,
  FLEX_ID_MSG,
  FlexIdValues,
  flexIdLogger,
  flexIdSettings,
  type Host4IdentifierArgs,
} from '@kea-ts/dhcpsrv';
import { type CalloutHandle, HOOKS_API_VERSION, type HookLibraryModule, NextStep } from '@kea-ts/hooks';
import { formatHex } from '@kea-ts/util';

const CLIENT_ID = 61;
const SENT_CLIENT_ID = 'client_identifier';

interface QueryArgs {
  query4: Pkt4;
}
interface SendArgs extends QueryArgs {
  response4: Pkt4;
}

function skipped(h: CalloutHandle<unknown>): boolean {
  return h.next === NextStep.DROP || h.next === NextStep.SKIP;
}

/** A fresh library instance per load, as dlopen() gives Kea fresh library globals. */
export function flexId4Library(): HookLibraryModule {
  const log = flexIdLogger(4);
  return {
    version: () => HOOKS_API_VERSION,
    multi_threading_compatible: () => true,
    load(handle) {
      const settings = flexIdSettings(handle.getParameters(), 4, log);
      if (settings.expression === null) return 0;
      const ids = new FlexIdValues<Pkt4>(settings.expression, log);
      handle.registerCallout('host4_identifier', (h: CalloutHandle<Host4IdentifierArgs>) => {
        if (skipped(h)) return;
        const id = ids.of(h.args.query4);
        if (id === null) return;
        h.args.id_type = 'flex-id';
        h.args.id_value = id;
      });
      if (!settings.replaceClientId) return 0;
      handle.registerCallout('pkt4_receive', (h: CalloutHandle<QueryArgs>) => {
        if (skipped(h)) return;
        const q = h.args.query4;
        const id = ids.of(q);
        if (id === null) return;
        const sent = q.getOption(CLIENT_ID);
        if (sent !== undefined) h.context.set(SENT_CLIENT_ID, Buffer.from(sent));
        const cid = Buffer.concat([Buffer.of(0), id]);
        q.setOption(CLIENT_ID, cid);
        log.debug(FLEX_ID_DBG, FLEX_ID_MSG.FLEX_ID_USED_AS_CLIENT_ID, formatHex(cid, ':'));
      });
      handle.registerCallout('pkt4_send', (h: CalloutHandle<SendArgs>) => {
        if (h.next === NextStep.DROP || ids.of(h.args.query4) === null) return;
        const resp = h.args.response4;
        resp.deleteOption(CLIENT_ID);
        const sent = h.context.get(SENT_CLIENT_ID) as Buffer | undefined;
        if (sent === undefined) return;
        resp.setOption(CLIENT_ID, sent);
        log.debug(FLEX_ID_DBG, FLEX_ID_MSG.FLEX_ID_RESTORE_CLIENT_ID, formatHex(sent, ':'));
      });
      return 0;
    },
    unload() {
      log.info(FLEX_ID_MSG.FLEX_ID_UNLOAD);
      return 0;
    },
  };
}
