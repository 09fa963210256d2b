// DHCID RDATA against the three examples of RFC 4701 3.6.
import t from 'tap';
import { dhcidFromClientId, dhcidFromDuid, dhcidFromHwAddr } from '../src/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/:/g, ''), 'hex');

t.test('RFC 4701 3.6.1: DUID (v6)', async (t) => {
  const d = dhcidFromDuid(hex('00:01:00:06:41:2d:f1:66:01:02:03:04:05:06'), 'chi6.example.com');
  t.equal(d.toString('base64'), 'AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=');
});

t.test('RFC 4701 3.6.2: client identifier (v4)', async (t) => {
  const d = dhcidFromClientId(hex('01:07:08:09:0a:0b:0c'), 'chi.example.com.');
  t.equal(d.toString('base64'), 'AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No=');
});

t.test('RFC 4701 3.6.3: htype + chaddr (v4)', async (t) => {
  const d = dhcidFromHwAddr(1, hex('01:02:03:04:05:06'), 'client.example.com');
  t.equal(d.toString('base64'), 'AAABxLmlskllE0MVjd57zHcWmEH3pCQ6VytcKD//7es/deY=');
  // The FQDN is hashed in canonical (lowercase) form: case does not change the DHCID.
  t.same(dhcidFromHwAddr(1, hex('01:02:03:04:05:06'), 'Client.EXAMPLE.com'), d);
  t.throws(() => dhcidFromDuid(Buffer.alloc(0), 'x.example.com'), { code: 'KEA_ERR_DNS_BAD_INPUT' });
});
