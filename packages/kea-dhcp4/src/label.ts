// Kea's packet label ("[hwtype=1 aa:bb:...], cid=[01:...], tid=0x...") and the packet details of
// DHCP4_QUERY_DATA / DHCP4_RESPONSE_DATA. Built only when a line that uses them is emitted.
import { messageType4Name, type Pkt4 } from '@kea-ts/dhcp';
import { formatIPv4 } from '@kea-ts/util';

function colonHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (i ? ':' : '') + b[i]!.toString(16).padStart(2, '0');
  return s;
}

export function hwaddrText(htype: number, chaddr: Uint8Array): string {
  return `hwtype=${htype} ${colonHex(chaddr)}`;
}

export function clientIdText(cid: Uint8Array | null | undefined): string {
  return cid && cid.length > 0 ? colonHex(cid) : '(none)';
}

export function packetLabel(p: Pkt4): string {
  let cid: Buffer | undefined;
  try {
    cid = p.clientId;
  } catch {
    cid = undefined;
  }
  const c = cid && cid.length > 0 ? colonHex(cid) : 'no info';
  return `[${hwaddrText(p.htype, p.chaddr)}], cid=[${c}], tid=0x${p.xid.toString(16)}`;
}

/** Kea's Pkt4::toText, options as code and hex (our option objects are not decoded here). */
export function packetText(
  p: Pkt4,
  local: number,
  localPort: number,
  remote: number,
  remotePort: number,
): string {
  const type = p.messageType;
  let out =
    `local_address=${formatIPv4(local)}:${localPort}, remote_address=${formatIPv4(remote)}:${remotePort}, ` +
    `msg_type=${type ? `${messageType4Name(type)} (${type})` : '(missing)'}, transid=0x${p.xid.toString(16)}`;
  const lines: string[] = [];
  for (const [code, value] of p.options()) {
    lines.push(
      `  type=${String(code).padStart(3, '0')}, len=${String(value.length).padStart(3, '0')}: ${colonHex(value)}`,
    );
  }
  out += lines.length ? `,\noptions:\n${lines.join('\n')}` : ', message contains no options';
  return out;
}
