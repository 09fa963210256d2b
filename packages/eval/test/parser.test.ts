// Parsing: token rules, precedence, option names, and Kea's error positions and wording (the
// messages below are what real Kea 2.2 printed for the same expressions; the oracle test
// re-checks a larger set against kea-dhcp4 -t).
import { parseOptionDef, standardRegistry } from '@kea-ts/dhcp';
import t from 'tap';
import {
  EvalParseError,
  memberNames,
  parseBoolExpression,
  parseStringExpression,
  tokenize,
} from '../src/index.js';

const v4 = { universe: 4 as const, definitions: standardRegistry(4) };
const v6 = { universe: 6 as const, definitions: standardRegistry(6) };

function error(source: string, opts: Parameters<typeof parseBoolExpression>[1] = v4): string {
  try {
    parseBoolExpression(source, opts);
  } catch (e) {
    if (e instanceof EvalParseError) return e.message;
    throw e;
  }
  return 'parsed';
}

t.test('longest match decides tokens, as flex does', async (t) => {
  const kinds = (s: string) => tokenize(s).map((x) => x.kind);
  t.same(kinds('hexstring'), ['hexstring', 'end of file']);
  t.same(kinds('vendor-class'), ['vendor-class', 'end of file']);
  t.same(kinds('option[text]'), ['option', '[', 'option name', ']', 'end of file']);
  t.same(kinds('0x1F 12 -3 10.0.0.1 fe80::1'), [
    'constant hexstring',
    'integer',
    'integer',
    'ip address',
    'ip address',
    'end of file',
  ]);
  const name = tokenize('option[ host-name  ]')[2]!;
  t.equal(name.text, 'host-name', 'blanks before ] are not part of the name');
  t.same(name.span, { line: 1, column: 9, endLine: 1, endColumn: 20 });
  t.equal(tokenize("'it''s'")[0]!.text, 'it', 'a quote ends the string');
});

t.test('precedence: not binds tightest, then and, then or; + before ==', async (t) => {
  const ast = parseBoolExpression("not 'a' == 'b' and 'c' == 'c' or 'd' == 'e'", v4);
  t.equal(ast.t, 'or');
  t.equal(ast.t === 'or' && ast.left.t, 'and');
  t.equal(ast.t === 'or' && ast.left.t === 'and' && ast.left.left.t, 'not');
  const plus = parseBoolExpression("'a' + 'b' == 'c' + 'd'", v4);
  t.match(plus, { t: 'equal', left: { t: 'concat' }, right: { t: 'concat' } });
  t.match(parseBoolExpression("('a') == 'a'", v4), { t: 'equal' }, 'a parenthesized string operand');
  t.match(parseBoolExpression("(('a' == 'a'))", v4), { t: 'equal' }, 'a parenthesized bool');
  t.match(
    parseStringExpression("'a' + 'b' + 'c'", v4),
    { t: 'concat', left: { t: 'concat' } },
    '+ is left-associative',
  );
});

t.test('literals become bytes at parse time', async (t) => {
  const lit = (s: string) => {
    const n = parseStringExpression(s, v4);
    return n.t === 'literal' ? n.value.toString('hex') : n.t;
  };
  t.equal(lit('0x123'), '0123', 'an odd digit count gets a leading zero');
  t.equal(lit('0XfF'), 'ff');
  t.equal(lit('10.1.2.3'), '0a010203');
  t.equal(lit('2001:db8::1'), '20010db8000000000000000000000001');
  t.equal(lit('4294967295'), 'ffffffff', 'an integer is 4 bytes, network order');
  t.equal(lit("'\u00e9'"), 'c3a9', 'strings are UTF-8 bytes');
});

t.test('option names resolve per universe and through option-def', async (t) => {
  t.match(parseBoolExpression('option[host-name].exists', v4), { source: { code: 12 } });
  t.match(parseBoolExpression('option[clientid].exists', v6), { source: { code: 1 } });
  t.equal(error('option[clientid].exists'), "<string>:1.8-15: option 'clientid' is not defined");
  const custom = standardRegistry(4).extend([
    parseOptionDef({ name: 'my-opt', code: 222, type: 'string' }, 4),
  ]);
  t.match(parseBoolExpression("option[my-opt].text == 'x'", { universe: 4, definitions: custom }), {
    left: { source: { code: 222 } },
  });
  t.equal(error('option[65535].exists', v6), 'parsed', 'DHCPv6 codes go to 65535');
  t.equal(
    error('option[65536].exists', v6),
    '<string>:1.8-12: Option code has invalid value in 65536. Allowed range: 0..65535',
  );
});

t.test("errors carry Kea's positions and messages", async (t) => {
  const cases: [string, string][] = [
    ["option[60].text == 'a' and", '<string>:1.27: syntax error, unexpected end of file'],
    ["member('nope')", "<string>:1.8-13: Not defined client class 'nope'"],
    ["'a' == 'a' == 'a'", '<string>:1.12-13: syntax error, unexpected ==, expecting end of file'],
    [
      'pkt.msgtype == 1',
      '<string>:1.5-11: syntax error, unexpected msgtype, expecting iface or src or dst or len',
    ],
    ["option[60].exists == 'true'", '<string>:1.19-20: syntax error, unexpected ==, expecting end of file'],
    ["substring(option[60].hex, 0) == 'a'", '<string>:1.28: syntax error, unexpected ), expecting ","'],
    [
      "(option[60].hex == 'a'",
      '<string>:1.23: syntax error, unexpected end of file, expecting ) or and or or',
    ],
    ["hexstring(pkt4.mac) == ''", '<string>:1.19: syntax error, unexpected ), expecting "," or +'],
    ["300.1.1.1 == 'a'", '<string>:1.1-9: Failed to convert 300.1.1.1 to an IP address.'],
    ["option [ 60 ] . hex == 'a' and\n foo", '<string>:2.2: Invalid character: f'],
    ['pkt6.msgtype == 1', '<string>:1.1-4: pkt6 can only be used in DHCPv6.'],
    ['relay6[0].peeraddr == ::', '<string>:1.8: Nest level invalid for DHCPv4 packets'],
    ["vendor-class[1].data[256] == ''", '<string>:1.22-24: Invalid value in 256. Allowed range: 0..255'],
  ];
  const opts = { ...v4, isClassDefined: (n: string) => n === 'ALL' };
  for (const [src, msg] of cases) t.equal(error(src, opts), msg, src);
  t.equal(error('relay4[1].exists', v6), '<string>:1.1-6: relay4 can only be used in DHCPv4.');
  t.equal(
    error('relay6[32].peeraddr == ::', v6),
    '<string>:1.8-9: Nest level has invalid value in 32. Allowed range: -32..31',
  );
  t.equal(
    error("99999999999999999999 == 'a'"),
    '<string>:1.1-20: Failed to convert 99999999999999999999 to an integer.',
  );
  const e = (() => {
    try {
      parseBoolExpression('@', v4);
    } catch (x) {
      return x as EvalParseError;
    }
  })()!;
  t.equal(e.code, 'KEA_ERR_EVAL_PARSE');
  t.same(e.span, { line: 1, column: 1, endLine: 1, endColumn: 2 });
});

t.test('memberNames lists the classes a test depends on', async (t) => {
  const ast = parseBoolExpression(
    "member('a') and (not member('KNOWN') or ifelse(member('b'), 'x', substring(hexstring('y', ifelse(member('c'), '', ':')), 0, 1)) == 'x')",
    v4,
  );
  t.same(memberNames(ast), ['a', 'KNOWN', 'b', 'c']);
});
