// The DHCPv4 side of scripts/capture/oracle4, run inside the client namespace by `ip netns exec`.
// Builds every request by hand as raw bytes (the codec under test must not build its own oracle input),
// sends it to real Kea and prints one JSON object: the exchanges with request and answer hex.
//
//   node client4.mjs '{"mac":"02:00:00:00:00:01","clientAddr":"192.0.2.250","serverAddr":"192.0.2.1"}'

import dgram from 'node:dgram';
import { macBytes, w, walk4 } from './bytes.mjs';

const args = JSON.parse(process.argv[2]);

// Every code a client can ask for: 1..254 (0 is PAD, 255 is END).
const PRL = Array.from({ length: 254 }, (_, k) => k + 1);

function header({ xid, mac, ciaddr = '0.0.0.0', giaddr = '0.0.0.0', broadcast = true, hops = 0 }) {
  const chaddr = Buffer.alloc(16);
  macBytes(mac).copy(chaddr);
  return w()
    .u8(1) // op BOOTREQUEST
    .u8(1) // htype ethernet
    .u8(6) // hlen
    .u8(hops)
    .u32(xid)
    .u16(0) // secs
    .u16(broadcast ? 0x8000 : 0) // flags: broadcast, so the answer reaches a socket without yiaddr bound
    .ipv4(ciaddr)
    .ipv4('0.0.0.0') // yiaddr
    .ipv4('0.0.0.0') // siaddr
    .ipv4(giaddr)
    .bytes(chaddr)
    .zeros(64) // sname
    .zeros(128) // file
    .u32(0x63825363); // magic cookie
}

// Vendor-identifying options so Kea's vendor paths (124/125, DOCSIS ORO in 125) are exercised:
// 125: enterprise 4491 (CableLabs), data-len, sub-option 1 (DOCSIS ORO) asking for 1 and 2.
const vivso = w().u32(4491).u8(4).opt4(1, [1, 2]).build();
// 124: enterprise 4491, data-len, one opaque class.
const vivco = w().u32(4491).u8(8).bytes(Buffer.from('kea-ts-o')).build();
const clientId = (mac) => Buffer.concat([Buffer.from([1]), macBytes(mac)]);

function requestPacket({ type, xid, mac, extra = [], tail = [], ...h }) {
  const p = header({ xid, mac, ...h })
    .opt4(53, [type])
    .opt4(61, clientId(mac));
  for (const [code, data] of extra) p.opt4(code, data);
  p.opt4(55, PRL).opt4(60, Buffer.from('kea-ts-oracle')).opt4(124, vivco).opt4(125, vivso);
  // A relay agent appends its option 82 after the client's options.
  for (const [code, data] of tail) p.opt4(code, data);
  return p.u8(255).build();
}

function openSocket(port) {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    s.once('error', reject);
    s.bind(port, '0.0.0.0', () => {
      s.setBroadcast(true);
      resolve(s);
    });
  });
}

/** Sends one packet and waits for the answer with the same xid (or times out with null). */
function exchange(sock, packet, to, port, timeoutMs = 3000) {
  const xid = packet.readUInt32BE(4);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sock.off('message', onMsg);
      resolve(null);
    }, timeoutMs);
    function onMsg(msg) {
      if (msg.length >= 240 && msg[0] === 2 && msg.readUInt32BE(4) === xid) {
        clearTimeout(timer);
        sock.off('message', onMsg);
        resolve(msg);
      }
    }
    sock.on('message', onMsg);
    sock.send(packet, port, to);
  });
}

const opt = (answer, code) => walk4(answer).find(([c]) => c === code)?.[1];
const ip4 = (b) => [...b].join('.');

async function main() {
  const s68 = await openSocket(68);
  const s67 = await openSocket(67);
  const results = [];
  const record = (name, note, request, answer) => {
    results.push({
      name,
      note,
      request: request.toString('hex'),
      answer: answer ? answer.toString('hex') : null,
    });
    return answer;
  };

  const mac = args.mac;
  const discover = requestPacket({ type: 1, xid: 0x4b450001, mac });
  const offer = record(
    'discover',
    'DISCOVER, broadcast flag, PRL 1-254, client-id, 60, 124 and 125 (enterprise 4491, DOCSIS ORO 1,2)',
    discover,
    await exchange(s68, discover, '255.255.255.255', 67),
  );
  if (offer) {
    const request = requestPacket({
      type: 3,
      xid: 0x4b450002,
      mac,
      extra: [
        [50, [...offer.subarray(16, 20)]], // requested address = OFFER yiaddr
        [54, opt(offer, 54)], // the server identifier the OFFER carried
      ],
    });
    record(
      'request',
      `REQUEST (SELECTING) for ${ip4(offer.subarray(16, 20))}, same options as the DISCOVER`,
      request,
      await exchange(s68, request, '255.255.255.255', 67),
    );
  }

  const inform = requestPacket({ type: 8, xid: 0x4b450003, mac, ciaddr: args.clientAddr, broadcast: false });
  record(
    'inform',
    `INFORM from ciaddr ${args.clientAddr} (answered by unicast), same options`,
    inform,
    await exchange(s68, inform, args.serverAddr, 67),
  );

  const mac2 = '02:00:5e:10:00:57';
  const small = requestPacket({ type: 1, xid: 0x4b450004, mac: mac2, extra: [[57, [0x02, 0x40]]] });
  record(
    'discover-max-576',
    'DISCOVER from another client with maximum message size (57) 576 and the same PRL',
    small,
    await exchange(s68, small, '255.255.255.255', 67),
  );

  // Relayed: giaddr = our address, hop count 1, agent information (82) with circuit-id and remote-id,
  // sent from port 67 to the server; Kea answers the relay on port 67 and echoes option 82.
  const mac3 = '02:00:5e:10:00:82';
  const agent = w().opt4(1, Buffer.from('eth0/1')).opt4(2, [0x02, 0x00, 0x5e, 0x10, 0x00, 0x01]).build();
  const relayed = requestPacket({
    type: 1,
    xid: 0x4b450005,
    mac: mac3,
    giaddr: args.clientAddr,
    broadcast: false,
    hops: 1,
    tail: [[82, agent]],
  });
  record(
    'discover-relayed',
    `DISCOVER relayed by giaddr ${args.clientAddr} with agent information 82 (circuit-id, remote-id)`,
    relayed,
    await exchange(s67, relayed, args.serverAddr, 67),
  );

  s68.close();
  s67.close();
  process.stdout.write(JSON.stringify(results));
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
