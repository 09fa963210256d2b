// ncr-protocol and ncr-format values, as both ends of the NCR channel spell them in their configs.
import { badOption } from './errors.js';

export type NcrProtocol = 'UDP' | 'TCP';
export type NcrFormat = 'JSON';

/** 'UDP' or 'TCP', any case (Kea's stringToNcrProtocol); only UDP has a sender and receiver here. */
export function parseNcrProtocol(text: string): NcrProtocol {
  const up = text.toUpperCase();
  if (up === 'UDP' || up === 'TCP') return up;
  throw badOption(`'${text}' is not a NameChangeRequest protocol (UDP or TCP)`);
}

/** 'JSON', any case (Kea's stringToNcrFormat). */
export function parseNcrFormat(text: string): NcrFormat {
  if (text.toUpperCase() === 'JSON') return 'JSON';
  throw badOption(`'${text}' is not a NameChangeRequest format (JSON)`);
}
