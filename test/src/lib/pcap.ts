// Reading what tcpdump captured: the UDP payloads over IPv4 or IPv6 of a classic pcap file of Ethernet
// (or Linux cooked) frames, and the addresses DHCPv4 ACKs gave, for tests that check answers on the wire.

/** Every IPv4 UDP payload of the file, in capture order. */
export function* udp4Payloads(pcap: Buffer): Generator<Buffer> {
  if (pcap.length < 24) return;
  const le = pcap.readUInt32LE(0) === 0xa1b2c3d4 || pcap.readUInt32LE(0) === 0xa1b23c4d;
  const u32 = (o: number) => (le ? pcap.readUInt32LE(o) : pcap.readUInt32BE(o));
  const linkType = u32(20);
  let off = 24;
  while (off + 16 <= pcap.length) {
    const caplen = u32(off + 8);
    const frame = pcap.subarray(off + 16, off + 16 + caplen);
    off += 16 + caplen;
    // Ethernet (1) or Linux cooked capture (113); a VLAN tag moves the IP header by 4.
    let ipOff = linkType === 113 ? 16 : 14;
    if (linkType === 1 && frame.length > 14 && frame.readUInt16BE(12) === 0x8100) ipOff += 4;
    if (frame.length < ipOff + 20 || frame[ipOff]! >> 4 !== 4 || frame[ipOff + 9] !== 17) continue;
    const udp = ipOff + (frame[ipOff]! & 15) * 4;
    if (frame.length < udp + 8) continue;
    yield frame.subarray(udp + 8);
  }
}

/** Every IPv6 UDP payload of the file (no extension headers), in capture order. */
export function* udp6Payloads(pcap: Buffer): Generator<Buffer> {
  if (pcap.length < 24) return;
  const le = pcap.readUInt32LE(0) === 0xa1b2c3d4 || pcap.readUInt32LE(0) === 0xa1b23c4d;
  const u32 = (o: number) => (le ? pcap.readUInt32LE(o) : pcap.readUInt32BE(o));
  const ipOff = u32(20) === 113 ? 16 : 14;
  for (let off = 24; off + 16 <= pcap.length; ) {
    const caplen = u32(off + 8);
    const frame = pcap.subarray(off + 16, off + 16 + caplen);
    off += 16 + caplen;
    if (frame.length < ipOff + 48 || frame[ipOff]! >> 4 !== 6 || frame[ipOff + 6] !== 17) continue;
    yield frame.subarray(ipOff + 48);
  }
}

/** yiaddr of every DHCPACK (option 53 = 5) in the capture, in capture order. */
export function dhcp4AckedAddresses(pcap: Buffer): string[] {
  const out: string[] = [];
  for (const dhcp of udp4Payloads(pcap)) {
    if (dhcp.length < 241 || dhcp[0] !== 2 || dhcp.readUInt32BE(236) !== 0x63825363) continue;
    let type = 0;
    for (let o = 240; o < dhcp.length && dhcp[o] !== 255; ) {
      if (dhcp[o] === 0) {
        o++;
        continue;
      }
      if (dhcp[o] === 53) type = dhcp[o + 2] ?? 0;
      o += 2 + (dhcp[o + 1] ?? 0);
    }
    if (type === 5) out.push([...dhcp.subarray(16, 20)].join('.'));
  }
  return out;
}
