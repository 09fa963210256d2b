// The host4_identifier / host6_identifier hook points: how a 'flex-id' in host-reservation-identifiers
// gets its value (the flex_id library answers them). Both the server's own host lookup and the
// allocation engine's ask, so they are declared here, below both.
import type { Pkt4, Pkt6 } from '@kea-ts/dhcp';
import { defineHookPoint, type HookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import type { IdentifierType } from '../cfg/types.js';
import type { IdentifierType6 } from '../cfg/types6.js';

export interface Host4IdentifierArgs {
  query4: Pkt4;
  id_type: IdentifierType;
  id_value: Buffer;
}
export interface Host6IdentifierArgs {
  query6: Pkt6;
  id_type: IdentifierType6;
  id_value: Buffer;
}
export const host4Identifier = defineHookPoint<Host4IdentifierArgs>('host4_identifier');
export const host6Identifier = defineHookPoint<Host6IdentifierArgs>('host6_identifier');

const NO_VALUE = Buffer.alloc(0);

function ask<A extends { id_type: T; id_value: Buffer }, T>(
  point: HookPoint<A>,
  args: A,
): [T, Buffer] | null {
  const h = runCallouts(point, args);
  // Host lookups are synchronous (classification makes them): a callout that answers later is not
  // waited for. As in Kea, only a CONTINUE with a non-empty value counts.
  if (h instanceof Promise || h.next !== NextStep.CONTINUE || args.id_value.length === 0) return null;
  return [args.id_type, args.id_value];
}

/** The identifier host4_identifier callouts computed for the query; null without callouts. */
export function calloutIdentifier4(query4: Pkt4): [IdentifierType, Buffer] | null {
  if (host4Identifier.callouts === null) return null;
  return ask(host4Identifier, { query4, id_type: 'flex-id' as IdentifierType, id_value: NO_VALUE });
}

/** The identifier host6_identifier callouts computed for the query; null without callouts. */
export function calloutIdentifier6(query6: Pkt6): [IdentifierType6, Buffer] | null {
  if (host6Identifier.callouts === null) return null;
  return ask(host6Identifier, { query6, id_type: 'flex-id' as IdentifierType6, id_value: NO_VALUE });
}
