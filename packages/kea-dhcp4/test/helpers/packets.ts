// Test packets built with the codec: client messages with the fields each scenario needs, and a reader
// of the answers' fields and options.
import { MessageType4, Pkt4 } from '@kea-ts/dhcp';
import { parseIPv4 } from '@kea-ts/util';

export const M = MessageType4;

export interface ClientMsg {
  mac?: string;
  xid?: number;
  ciaddr?: string;
  giaddr?: string;
  flags?: number;
  hops?: number;
  clientId?: Buffer;
  requested?: string;
  serverId?: string;
  prl?: number[];
  leaseTime?: number;
  hostname?: string;
  /** Raw option 82 payload. */
  agentInfo?: Buffer;
  options?: [number, Buffer][];
}

export function ip(text: string): number {
  return parseIPv4(text);
}

function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
}

export function clientPacket(type: number, m: ClientMsg = {}): Buffer {
  const p = new Pkt4(type);
  p.op = 1;
  p.htype = 1;
  p.hlen = 6;
  p.chaddr = Buffer.from((m.mac ?? '02:00:00:00:00:aa').split(':').map((x) => Number.parseInt(x, 16)));
  p.xid = m.xid ?? 0x1234;
  p.flags = m.flags ?? 0;
  p.hops = m.hops ?? 0;
  if (m.ciaddr) p.ciaddr = ip(m.ciaddr);
  if (m.giaddr) p.giaddr = ip(m.giaddr);
  if (m.clientId) p.setOption(61, m.clientId);
  if (m.requested) p.setOption(50, u32(ip(m.requested)));
  if (m.serverId) p.setOption(54, u32(ip(m.serverId)));
  if (m.leaseTime !== undefined) p.setOption(51, u32(m.leaseTime));
  if (m.hostname !== undefined) p.setOption(12, Buffer.from(m.hostname));
  if (m.prl) p.setOption(55, Buffer.from(m.prl));
  if (m.agentInfo) p.setOption(82, m.agentInfo);
  for (const [code, value] of m.options ?? []) p.setOption(code, value);
  return p.pack();
}

/** An answer's fields and options as plain values. */
export function readAnswer(buf: Buffer) {
  const p = Pkt4.parse(buf);
  const opt = (code: number) => p.getOption(code);
  const addr = (code: number) => {
    const v = opt(code);
    return v && v.length === 4 ? formatAddr(v.readUInt32BE(0)) : undefined;
  };
  return {
    pkt: p,
    op: p.op,
    type: p.messageType,
    xid: p.xid,
    flags: p.flags,
    hops: p.hops,
    ciaddr: formatAddr(p.ciaddr),
    yiaddr: formatAddr(p.yiaddr),
    siaddr: formatAddr(p.siaddr),
    giaddr: formatAddr(p.giaddr),
    sname: p.sname.toString('latin1').replace(/\0+$/, ''),
    file: p.file.toString('latin1').replace(/\0+$/, ''),
    leaseTime: opt(51)?.readUInt32BE(0),
    t1: opt(58)?.readUInt32BE(0),
    t2: opt(59)?.readUInt32BE(0),
    mask: addr(1),
    serverId: addr(54),
    routers: addr(3),
    option: opt,
    codes: [...p.options()].map(([c]) => c),
  };
}

export function formatAddr(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
