// The oracle exchanges as packets: the hand-built requests and real Kea 2.2's answers to them
// (test/fixtures/oracle, made by scripts/capture/oracle4 and oracle6) decode, pack back byte for
// byte, and Kea's answers laid out afresh by our Pkt4/Pkt6 are Kea's bytes: 53 first, then by code,
// 82 last, no padding (v4); by code, each relay layer's options before its relay-msg (v6).
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { Pkt4 } from '../../src/pkt4.js';
import { Pkt6 } from '../../src/pkt6.js';
import { rebuild4 } from './capture-helpers.js';

const dir = new URL('../../../test/fixtures/oracle/', import.meta.url);
const exchanges = readdirSync(dir)
  .filter((f) => /^kea[46]-.*\.json$/.test(f) && !f.endsWith('all-options.json'))
  .sort()
  .map(
    (f) =>
      [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8'))] as [string, { request: string; answer: string }],
  );

t.ok(exchanges.length >= 9, `${exchanges.length} oracle exchanges`);

for (const [f, ex] of exchanges) {
  t.test(f, (t) => {
    const v4 = f.startsWith('kea4');
    const req = Buffer.from(ex.request, 'hex');
    const ans = Buffer.from(ex.answer, 'hex');
    if (v4) {
      const q = Pkt4.parse(req);
      const a = Pkt4.parse(ans);
      t.same(q.pack(), req, 'request: parse + pack');
      t.same(a.pack(), ans, 'answer: parse + pack');
      t.equal(a.xid, q.xid, 'same transaction');
      const agent = q.getOption(82);
      if (agent) {
        t.same(a.getOption(82), agent, 'option 82 echoed');
        t.equal(
          ans[ans.indexOf(0xff, ans.length - 40) - 2 - agent.length],
          82,
          'option 82 is the last option',
        );
      }
      t.same(
        rebuild4(a).pack({ minSize: 0 }),
        ans,
        "answer built anew is Kea's, configured option 52 included",
      );
    } else {
      const q = Pkt6.parse(req);
      const a = Pkt6.parse(ans);
      t.same(q.pack(), req, 'request: parse + pack');
      t.same(a.pack(), ans, 'answer: parse + pack');
      t.equal(a.transactionId, q.transactionId, 'same transaction');
      t.equal(a.relays.length, q.relays.length, 'as many relay layers');
      a.setOption(2, a.getOption(2)!);
      t.same(a.pack(), ans, "answer laid out afresh is Kea's");
    }
    t.end();
  });
}
