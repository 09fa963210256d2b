// Reads the DHCP packets out of a classic pcap file written by `tcpdump -w` on an Ethernet interface:
// Ethernet → IPv4 or IPv6 → UDP on ports 67/68/546/547, payload kept as captured. Fragmented datagrams
// are reassembled (a large DHCPv6 answer is fragmented on a 1500-byte link).

import { readFileSync } from 'node:fs';

const DHCP_PORTS = new Set([67, 68, 546, 547]);

export function readPcap(file) {
  const buf = readFileSync(file);
  if (buf.length < 24) return [];
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!le && buf.readUInt32BE(0) !== 0xa1b2c3d4 && buf.readUInt32BE(0) !== 0xa1b23c4d) {
    throw new Error(`${file}: not a pcap file`);
  }
  const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const linktype = u32(20);
  if (linktype !== 1) throw new Error(`${file}: link type ${linktype}, expected Ethernet`);
  const frames = [];
  let o = 24;
  while (o + 16 <= buf.length) {
    const caplen = u32(o + 8);
    frames.push(buf.subarray(o + 16, o + 16 + caplen));
    o += 16 + caplen;
  }
  const out = [];
  const fragments = new Map();
  for (const f of frames) {
    const srcMac = [...f.subarray(6, 12)].map((b) => b.toString(16).padStart(2, '0')).join(':');
    const etype = f.readUInt16BE(12);
    const ip = f.subarray(14);
    let udp = null;
    let src;
    let dst;
    if (etype === 0x0800) {
      const ihl = (ip[0] & 0x0f) * 4;
      if (ip[9] !== 17) continue;
      const flags = ip.readUInt16BE(6);
      if ((flags & 0x3fff) !== 0) continue; // IPv4 fragments: DHCPv4 answers here are never fragmented
      udp = ip.subarray(ihl, ip.readUInt16BE(2));
      src = [...ip.subarray(12, 16)].join('.');
      dst = [...ip.subarray(16, 20)].join('.');
    } else if (etype === 0x86dd) {
      src = ipv6Text(ip.subarray(8, 24));
      dst = ipv6Text(ip.subarray(24, 40));
      const payload = ip.subarray(40, 40 + ip.readUInt16BE(4));
      if (ip[6] === 17) {
        udp = payload;
      } else if (ip[6] === 44) {
        udp = reassemble6(fragments, `${src}|${dst}`, payload);
        if (!udp) continue;
      } else {
        continue;
      }
    } else {
      continue;
    }
    const sport = udp.readUInt16BE(0);
    const dport = udp.readUInt16BE(2);
    if (!DHCP_PORTS.has(sport) || !DHCP_PORTS.has(dport)) continue;
    out.push({ srcMac, src, dst, sport, dport, payload: Buffer.from(udp.subarray(8, udp.readUInt16BE(4))) });
  }
  return out;
}

// IPv6 fragment header: next header, reserved, offset(13 bits)|res|M, identification.
function reassemble6(fragments, flow, frag) {
  const next = frag[0];
  const offWord = frag.readUInt16BE(2);
  const offset = offWord & 0xfff8;
  const more = (offWord & 1) === 1;
  const key = `${flow}|${frag.readUInt32BE(4)}`;
  const entry = fragments.get(key) ?? { parts: [], total: -1 };
  fragments.set(key, entry);
  const data = frag.subarray(8);
  entry.parts.push({ offset, data });
  if (!more) entry.total = offset + data.length;
  if (entry.total < 0) return null;
  const have = entry.parts.reduce((n, p) => n + p.data.length, 0);
  if (have < entry.total) return null;
  fragments.delete(key);
  const whole = Buffer.alloc(entry.total);
  for (const p of entry.parts) p.data.copy(whole, p.offset);
  return next === 17 ? whole : null;
}

function ipv6Text(b) {
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}
