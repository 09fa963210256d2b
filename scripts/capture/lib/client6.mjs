// The DHCPv6 side of scripts/capture/oracle6, run inside the client namespace by `ip netns exec`.
// Builds every request by hand as raw bytes, sends it to real Kea and prints one JSON array of exchanges
// with request and answer hex.
//
//   node client6.mjs '{"ifname":"kto6-c","mac":"02:00:5e:10:00:01","linkAddress":"2001:db8:d0c5:15::fe"}'

import dgram from 'node:dgram';
import { ipv6Bytes, macBytes, w, walk6 } from './bytes.mjs';

const args = JSON.parse(process.argv[2]);

// Every standard code Kea 2.2 defines in the dhcp6 space is below 144; asking for all of 1..143 covers
// them and the unassigned ones in between, which Kea skips because nothing is configured for them.
// Except 44 (lq-query) and 45 (client-data): they encapsulate the dhcp6 space, so Kea's config step
// nests every configured dhcp6 option (each other included) inside them, and asking for either makes
// kea-dhcp6 2.2 send no answer at all (found by asking for one code at a time).
const UNANSWERABLE = new Set([44, 45]);
const ORO = args.oro ?? Array.from({ length: 143 }, (_, k) => k + 1).filter((c) => !UNANSWERABLE.has(c));

const duidLL = (mac) => w().u16(3).u16(1).bytes(macBytes(mac)).build(); // DUID-LL, ethernet
const oro = () => {
  const b = w();
  for (const c of ORO) b.u16(c);
  return b.build();
};
// 16 vendor-class: enterprise 4491 (CableLabs), one class as a 2-byte-length opaque field.
const vendorClass = w().u32(4491).u16(6).bytes(Buffer.from('kea-ts')).build();
// 17 vendor-opts: enterprise 4491 with the DOCSIS ORO sub-option (1) asking for every docsis3-v6 code
// that all-options.json configures, so Kea's vendor path runs.
const docsisOro = w().u16(2).u16(10).u16(32).u16(33).u16(34).u16(36).u16(37).u16(38).build();
const vendorOpts = w().u32(4491).opt6(1, docsisOro).build();

function message(type, xid, opts) {
  const b = w()
    .u8(type)
    .u8((xid >> 16) & 0xff)
    .u16(xid & 0xffff);
  for (const [code, data] of opts) b.opt6(code, data);
  return b.build();
}

function clientOptions(mac, { ia = true } = {}) {
  const opts = [[1, duidLL(mac)]];
  if (ia) {
    opts.push([3, w().u32(1).u32(0).u32(0).build()]); // IA_NA iaid 1, T1 0, T2 0
    opts.push([25, w().u32(2).u32(0).u32(0).build()]); // IA_PD iaid 2, T1 0, T2 0
  }
  opts.push([8, [0, 0]], [6, oro()], [16, vendorClass], [17, vendorOpts]);
  return opts;
}

function openSocket(port) {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket({ type: 'udp6', reuseAddr: true });
    s.once('error', reject);
    s.bind(port, '::', () => resolve(s));
  });
}

/** Sends one message and waits for an answer with the same transaction id (relay: any RELAY-REPL). */
function exchange(sock, packet, to, port, match, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sock.off('message', onMsg);
      resolve(null);
    }, timeoutMs);
    function onMsg(msg) {
      if (match(msg)) {
        clearTimeout(timer);
        sock.off('message', onMsg);
        resolve(msg);
      }
    }
    sock.on('message', onMsg);
    sock.send(packet, port, to);
  });
}

const byXid = (packet) => (msg) => msg.length >= 4 && msg.readUIntBE(1, 3) === packet.readUIntBE(1, 3);
const ALL_SERVERS = `ff02::1:2%${args.ifname}`;

async function main() {
  const s546 = await openSocket(546);
  const s547 = await openSocket(547);
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
  const solicit = message(1, 0x6b6501, clientOptions(mac));
  const advertise = record(
    'solicit',
    'SOLICIT with DUID-LL, IA_NA, IA_PD, ORO 1-143, vendor-class 16 and vendor-opts 17 (4491, DOCSIS ORO)',
    solicit,
    await exchange(s546, solicit, ALL_SERVERS, 547, byXid(solicit)),
  );
  if (advertise) {
    const got = walk6(advertise);
    const keep = (code) => got.find(([c]) => c === code)?.[1];
    const opts = clientOptions(mac).filter(([c]) => c !== 3 && c !== 25);
    opts.splice(1, 0, [2, keep(2)]); // server-id from the ADVERTISE
    opts.splice(2, 0, [3, keep(3)], [25, keep(25)]); // the IAs as offered
    const request = message(3, 0x6b6502, opts);
    record(
      'request',
      'REQUEST for the addresses and prefix the ADVERTISE offered, same ORO and vendor options',
      request,
      await exchange(s546, request, ALL_SERVERS, 547, byXid(request)),
    );
  }

  const info = message(11, 0x6b6503, clientOptions(mac, { ia: false }));
  record(
    'information-request',
    'INFORMATION-REQUEST with ORO 1-143, vendor-class 16 and vendor-opts 17',
    info,
    await exchange(s546, info, ALL_SERVERS, 547, byXid(info)),
  );

  // A relayed SOLICIT from another client: RELAY-FORW with link-address in the subnet, that client's
  // link-local peer-address (fixed, so every run gives the same bytes), interface-id (18, echoed by
  // the server) and remote-id (37). Sent from port 547 to All_DHCP_Relay_Agents_and_Servers: Kea
  // listens on link-local and multicast only unless the config names a unicast address, and the
  // adapted all-options.json must not gain one.
  const inner = message(1, 0x6b6504, clientOptions('02:00:5e:10:00:66'));
  const relayForw = w()
    .u8(12) // RELAY-FORW
    .u8(0) // hop count
    .bytes(ipv6Bytes(args.linkAddress))
    .bytes(ipv6Bytes('fe80::5eff:fe10:66')) // peer: the link-local address of 02:00:5e:10:00:66
    .opt6(18, Buffer.from('kto6-c.1'))
    .opt6(37, w().u32(4491).bytes([0x02, 0x00, 0x5e, 0x10, 0x00, 0x66]).build())
    .opt6(9, inner)
    .build();
  record(
    'relay-solicit',
    'RELAY-FORW (hop 0, interface-id, remote-id) carrying a SOLICIT like the direct one',
    relayForw,
    await exchange(s547, relayForw, ALL_SERVERS, 547, (m) => m[0] === 13),
  );

  s546.close();
  s547.close();
  process.stdout.write(JSON.stringify(results));
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
