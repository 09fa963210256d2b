// The server's Client FQDN answer (both families) and the update directions it implies: Kea's
// adjustFqdnFlags, adjustDomainName (scrubbing label by label, qualifying a partial name) and the
// reserved-hostname rule, and getUpdateDirections.
import { type CalloutHandle, type HookPoint, runCallouts } from '@kea-ts/hooks';
import type { Logger } from '@kea-ts/log';
import { type ClientFqdn, fqdnName, nameLabels, setFqdnName } from './client-fqdn.js';
import {
  type DdnsNameParams,
  FQDN_FLAG_E,
  FQDN_FLAG_S,
  fqdnFlagN,
  hostnameSanitizer,
  qualifyName,
  replacesSentName,
  serverFqdnFlags,
} from './names.js';

/** The forward (S) and reverse (not N) updates a server FQDN answer promises. */
export function updateDirections(f: ClientFqdn): { forward: boolean; reverse: boolean } {
  return { forward: (f.flags & FQDN_FLAG_S) !== 0, reverse: (f.flags & fqdnFlagN(f.universe)) === 0 };
}

/**
 * The answer to a client's FQDN option: flags from the client's and the configuration (v4 keeps the
 * client's E flag and RCODEs), the name from the reservation, else the client's name unless replaced.
 */
export function answerClientFqdn(
  client: ClientFqdn,
  enabled: boolean,
  p: DdnsNameParams,
  reservedHostname: string,
  universe: 4 | 6,
): ClientFqdn {
  let flags = serverFqdnFlags(client.flags, enabled, p, universe);
  if (universe === 4) flags |= client.flags & FQDN_FLAG_E;
  const out: ClientFqdn = {
    universe,
    flags,
    rcode1: client.rcode1,
    rcode2: client.rcode2,
    labels: [],
    partial: true,
  };
  const suffix = p['ddns-qualifying-suffix'];
  if (reservedHostname !== '') {
    setFqdnName(out, qualifyName(reservedHostname, suffix, true), false);
    return out;
  }
  const name = fqdnName(client);
  if (replacesSentName(p) || name === '') return out;
  let text = name;
  const re = hostnameSanitizer(p['hostname-char-set']);
  if (re !== null && client.labels.length > 0) {
    // Label by label over the raw text, so a character set that does not protect dots cannot merge
    // labels; the root label of the raw text leaves a final dot (as Kea's toRawText does).
    const raw = [...client.labels.map((l) => l.toString('latin1')), ''];
    text = raw.map((l) => l.replace(re, p['hostname-char-replacement'])).join('.');
  }
  if (client.partial) setFqdnName(out, qualifyName(text, suffix, true), false);
  else setFqdnName(out, text, false);
  return out;
}

/**
 * Labels of a hostname option's text as Kea counts them (the root label included): '' 0, '.' 1,
 * 'a' 2, 'a.b' 3. Throws on a malformed name.
 */
export function hostnameLabelCount(text: string): number {
  if (text === '') return 0;
  return nameLabels(text).labels.length + 1;
}

/** What a ddns4_update / ddns6_update callout sees and may change (Kea's argument names). */
export interface DdnsUpdateArgs {
  hostname: string;
  'fwd-update': boolean;
  'rev-update': boolean;
  /** The subnet's DDNS parameters and whether updates are enabled for it. */
  'ddns-params': Readonly<DdnsNameParams & { 'enable-updates': boolean }>;
}

/**
 * A callout's name put in the answer's FQDN option (full), and, when `noUpdates`, the flags set back to
 * "the server does no updates" (S=0, N=1) as Kea does.
 */
export function applyHookedName(f: ClientFqdn, hostname: string, noUpdates: boolean): void {
  setFqdnName(f, hostname, false);
  if (noUpdates) f.flags = (f.flags & ~FQDN_FLAG_S) | fqdnFlagN(f.universe);
}

/**
 * Runs a ddns4_update / ddns6_update point: the arguments back when a callout changed the hostname or a
 * direction (logged with `id` on `log` at `level`, old and new values as Kea gives them), else null.
 */
export async function callDdnsUpdate<A extends DdnsUpdateArgs>(
  point: HookPoint<A>,
  args: A,
  handle: CalloutHandle<unknown>,
  log: Logger,
  id: string,
  level: number,
): Promise<A | null> {
  const hostname = args.hostname;
  const fwd = args['fwd-update'];
  const rev = args['rev-update'];
  const a = (await runCallouts(point, args, handle)).args;
  if (a.hostname === hostname && a['fwd-update'] === fwd && a['rev-update'] === rev) return null;
  log.debug(level, id, hostname, a.hostname, fwd, a['fwd-update'], rev, a['rev-update']);
  return a;
}
