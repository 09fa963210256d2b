// Oracle, DHCPv6: every option-data entry of Kea's own all-options.json (test/fixtures/oracle, made
// by scripts/capture/oracle6 against real kea-dhcp6 2.2) resolved by our codec is byte for byte the
// option Kea put in its answers (REPLY, ADVERTISE, the REPLY to INFORMATION-REQUEST and the SOLICIT's
// answer inside RELAY-REPL), nested options (the s46 containers) included. Options Kea does not send
// are listed with the reason.
import t from 'tap';
import { Pkt6 } from '../../src/pkt6.js';
import { type Answer, loadConfig, type OracleExchange, oracleFixture, runOracle } from './oracle-helpers.js';

const EXCHANGES = ['request', 'solicit', 'information-request', 'relay-solicit'];

const CUSTOM = 'no option of the dhcp6 space encapsulates this custom space: Kea has no way to send it';
const UNSENT: Record<string, string> = {
  'docsis3-v6':
    'Kea 2.2 sends vendor sub-options only from vendor-<enterprise> spaces; docsis3-v6 holds the DOCSIS definitions, so data configured in it is never sent (the capture asked for it with a DOCSIS ORO in 17)',
  'my-fancy-space': CUSTOM,
  'my-encapsulating-space': CUSTOM,
  'dhcp6.44':
    'lq-query encapsulates the dhcp6 space: asking for it makes kea-dhcp6 2.2 send no answer at all, so the capture does not ask',
  'dhcp6.45':
    'client-data encapsulates the dhcp6 space: asking for it makes kea-dhcp6 2.2 send no answer at all, so the capture does not ask',
};

// Every global dhcp6 entry but 44 and 45 (51), and the 5 s46 sub-options inside their containers.
const FLOOR = 56;

t.test('v6 option-data resolves to the bytes real Kea 2.2 sent', (t) => {
  const answers: Answer[] = EXCHANGES.map((name) => {
    const f = oracleFixture<OracleExchange>(`kea6-${name}.json`);
    t.equal(f['kea-version'], '2.2.0', `${name} comes from Kea 2.2.0`);
    const p = Pkt6.parse(Buffer.from(f.answer, 'hex'));
    return { name, option: (code) => p.getOption(code) };
  });
  runOracle(t, { cfg: loadConfig(6), answers, unsent: UNSENT, floor: FLOOR });
  t.end();
});
