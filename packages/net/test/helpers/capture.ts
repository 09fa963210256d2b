// tcpdump in a namespace writing a pcap file, and a reader for the Ethernet/IPv4/UDP frames in it that
// also recomputes both checksums, so tests check what really went on the wire.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { internetChecksum } from '../../src/index.js';

export interface CapturedUdp {
  dstMac: string;
  srcMac: string;
  srcIp: string;
  dstIp: string;
  srcPort: number;
  dstPort: number;
  ttl: number;
  ipChecksumOk: boolean;
  udpChecksumOk: boolean;
  payload: Buffer;
}

const mac = (b: Buffer) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
const ip4 = (b: Buffer, o: number) => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;

/** The IPv4/UDP frames of a pcap file (LINKTYPE_ETHERNET, microsecond or nanosecond). */
export function readUdpFrames(pcap: Buffer): CapturedUdp[] {
  const frames: CapturedUdp[] = [];
  for (let o = 24; o + 16 <= pcap.length; ) {
    const len = pcap.readUInt32LE(o + 8);
    const f = pcap.subarray(o + 16, o + 16 + len);
    o += 16 + len;
    if (f.length < 42 || f.readUInt16BE(12) !== 0x0800 || f[23] !== 17) continue;
    const ihl = (f[14]! & 0x0f) * 4;
    const udp = 14 + ihl;
    const udpLen = f.readUInt16BE(udp + 4);
    const pseudo = Buffer.alloc(12);
    f.copy(pseudo, 0, 26, 34);
    pseudo[9] = 17;
    pseudo.writeUInt16BE(udpLen, 10);
    const sum = Buffer.concat([pseudo, f.subarray(udp, udp + udpLen)]);
    frames.push({
      dstMac: mac(f.subarray(0, 6)),
      srcMac: mac(f.subarray(6, 12)),
      srcIp: ip4(f, 26),
      dstIp: ip4(f, 30),
      srcPort: f.readUInt16BE(udp),
      dstPort: f.readUInt16BE(udp + 2),
      ttl: f[22]!,
      ipChecksumOk: internetChecksum(f, 14, 14 + ihl) === 0,
      udpChecksumOk: f.readUInt16BE(udp + 6) !== 0 && internetChecksum(sum, 0, sum.length) === 0,
      payload: Buffer.from(f.subarray(udp + 8, udp + udpLen)),
    });
  }
  return frames;
}

/** Starts tcpdump on `dev` in `ns`; `stop()` ends it and returns the UDP frames it saw. */
export async function startCapture(t: { teardown(fn: () => void): void }, ns: string, dev: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kea-net-cap-'));
  const file = join(dir, 'cap.pcap');
  // --immediate-mode: without it packets wait in the capture ring up to a second and a stop loses them.
  const child = spawn(
    'ip',
    [
      'netns',
      'exec',
      ns,
      'tcpdump',
      '--immediate-mode',
      '-Z',
      'root',
      '-i',
      dev,
      '-U',
      '-n',
      '-w',
      file,
      'udp',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('listening on')) resolve();
    });
    child.on('exit', () => reject(new Error(`tcpdump ended: ${err}`)));
  });
  return {
    async stop(): Promise<CapturedUdp[]> {
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await done;
      return readUdpFrames(readFileSync(file));
    },
  };
}
