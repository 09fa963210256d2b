// Named codes, message types and their printed names, vendor space names, and Kea's special formats.
import t from 'tap';
import {
  AgentOption,
  isDeferredV4Option,
  MessageType4,
  MessageType6,
  messageType4Name,
  messageType6Name,
  Option4,
  Option6,
  Status6,
  specialFormatOf,
  standardRegistry,
  vendorIdOfSpace,
  vendorSpace,
} from '../../src/index.js';

t.test('named option codes agree with the tables', (t) => {
  const v4 = standardRegistry(4);
  const v6 = standardRegistry(6);
  const pairs4: [number, string][] = [
    [Option4.SUBNET_MASK, 'subnet-mask'],
    [Option4.DHCP_REQUESTED_ADDRESS, 'dhcp-requested-address'],
    [Option4.DHCP_LEASE_TIME, 'dhcp-lease-time'],
    [Option4.DHCP_MESSAGE_TYPE, 'dhcp-message-type'],
    [Option4.DHCP_SERVER_IDENTIFIER, 'dhcp-server-identifier'],
    [Option4.DHCP_PARAMETER_REQUEST_LIST, 'dhcp-parameter-request-list'],
    [Option4.DHCP_MAX_MESSAGE_SIZE, 'dhcp-max-message-size'],
    [Option4.DHCP_CLIENT_IDENTIFIER, 'dhcp-client-identifier'],
    [Option4.DHCP_AGENT_OPTIONS, 'dhcp-agent-options'],
    [Option4.FQDN, 'fqdn'],
    [Option4.VIVSO_SUBOPTIONS, 'vivso-suboptions'],
    [Option4.VENDOR_ENCAPSULATED_OPTIONS, 'vendor-encapsulated-options'],
    [Option4.OPTION_6RD, 'option-6rd'],
  ];
  for (const [code, name] of pairs4) t.equal(v4.get('dhcp4', code)?.name, name);
  t.equal(Option4.PAD, 0);
  t.equal(Option4.END, 255);
  const pairs6: [number, string][] = [
    [Option6.CLIENTID, 'clientid'],
    [Option6.SERVERID, 'serverid'],
    [Option6.IA_NA, 'ia-na'],
    [Option6.IA_TA, 'ia-ta'],
    [Option6.IA_PD, 'ia-pd'],
    [Option6.IAADDR, 'iaaddr'],
    [Option6.IAPREFIX, 'iaprefix'],
    [Option6.ORO, 'oro'],
    [Option6.PREFERENCE, 'preference'],
    [Option6.ELAPSED_TIME, 'elapsed-time'],
    [Option6.RELAY_MSG, 'relay-msg'],
    [Option6.UNICAST, 'unicast'],
    [Option6.STATUS_CODE, 'status-code'],
    [Option6.RAPID_COMMIT, 'rapid-commit'],
    [Option6.INTERFACE_ID, 'interface-id'],
    [Option6.RECONF_ACCEPT, 'reconf-accept'],
    [Option6.CLIENT_FQDN, 'client-fqdn'],
    [Option6.VENDOR_OPTS, 'vendor-opts'],
    [Option6.DHCPV4_MSG, 'dhcpv4-message'],
    [Option6.S46_CONT_LW, 's46-cont-lw'],
  ];
  for (const [code, name] of pairs6) t.equal(v6.get('dhcp6', code)?.name, name);
  t.equal(AgentOption.AGENT_CIRCUIT_ID, 1);
  t.equal(AgentOption.REMOTE_ID, 2);
  t.equal(AgentOption.LINK_SELECTION, 5);
  t.equal(AgentOption.SERVER_ID_OVERRIDE, 11);
  t.equal(AgentOption.RELAY_PORT, 19);
  t.end();
});

t.test('message types and Kea names', (t) => {
  t.equal(MessageType4.DHCPDISCOVER, 1);
  t.equal(MessageType4.DHCPINFORM, 8);
  t.equal(MessageType4.DHCPLEASEQUERY, 10);
  t.equal(MessageType4.DHCPLEASEQUERYSTATUS, 17);
  t.equal(messageType4Name(3), 'DHCPREQUEST');
  t.equal(messageType4Name(13), 'DHCPLEASEACTIVE');
  t.equal(messageType4Name(9), 'UNKNOWN', 'FORCERENEW is not named by Kea 2.2');
  t.equal(messageType4Name(0), 'UNKNOWN');
  t.equal(MessageType6.SOLICIT, 1);
  t.equal(MessageType6.RELAY_FORW, 12);
  t.equal(MessageType6.RELAY_REPL, 13);
  t.equal(MessageType6.DHCPV4_QUERY, 20);
  t.equal(MessageType6.DHCPV4_RESPONSE, 21);
  t.equal(messageType6Name(12), 'RELAY_FORWARD');
  t.equal(messageType6Name(13), 'RELAY_REPLY');
  t.equal(messageType6Name(11), 'INFORMATION_REQUEST');
  t.equal(messageType6Name(16), 'UNKNOWN', 'LEASEQUERY_DONE has no printed name in Kea 2.2');
  t.equal(Status6.NoAddrsAvail, 2);
  t.equal(Status6.NotAllowed, 10);
  t.end();
});

t.test('vendor space names', (t) => {
  t.equal(vendorSpace(4491), 'vendor-4491');
  t.equal(vendorIdOfSpace('vendor-4491'), 4491);
  t.equal(vendorIdOfSpace('vendor-4294967295'), 4294967295);
  for (const bad of [
    'vendor-',
    'vendor-0',
    'vendor-4294967296',
    'vendor-x1',
    'vendor--1',
    'dhcp4',
    'vendor-1.5',
  ]) {
    t.equal(vendorIdOfSpace(bad), undefined, bad);
  }
  t.end();
});

t.test("Kea's special formats", (t) => {
  const v4 = standardRegistry(4);
  const v6 = standardRegistry(6);
  const of6 = (code: number) => specialFormatOf(v6.get('dhcp6', code)!, 6);
  const of4 = (code: number) => specialFormatOf(v4.get('dhcp4', code)!, 4);
  t.same(of6(3), { format: 'ia', suboptionSpace: 'dhcp6' });
  t.same(of6(25), { format: 'ia', suboptionSpace: 'dhcp6' });
  t.same(of6(26), { format: 'iaprefix', suboptionSpace: 'dhcp6' });
  t.equal(of6(17)?.format, 'vendor-opts');
  t.equal(of6(67)?.format, 'pd-exclude');
  t.equal(of6(23), undefined, 'dns-servers is generic');
  t.equal(of6(24), undefined, 'v6 fqdn arrays are not compressed');
  t.equal(of4(81)?.format, 'client-fqdn');
  t.equal(of4(125)?.format, 'vendor-opts');
  t.equal(of4(119)?.format, 'compressed-fqdn-list');
  t.equal(of4(213), undefined, 'a single fqdn is generic');
  t.equal(of4(3), undefined);
  // A dhcp6 code in another space gets nothing special.
  t.equal(specialFormatOf(v6.get('s46-cont-mape-options', 89)!, 6), undefined);
  t.ok(isDeferredV4Option('dhcp4', 43));
  t.ok(isDeferredV4Option('dhcp4', 224));
  t.ok(isDeferredV4Option('dhcp4', 254));
  t.notOk(isDeferredV4Option('dhcp4', 223));
  t.notOk(isDeferredV4Option('my-space', 43));
  t.end();
});
