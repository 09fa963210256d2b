import t from 'tap';
import {
  CONTROL_RESULT_COMMAND_UNSUPPORTED,
  CONTROL_RESULT_CONFLICT,
  CONTROL_RESULT_EMPTY,
  CONTROL_RESULT_ERROR,
  CONTROL_RESULT_SUCCESS,
  createAnswer,
  type JsonValue,
  KEA_ERR_CC_BAD_ANSWER,
  KEA_ERR_CC_BAD_COMMAND,
  KEA_ERR_CC_TO_JSON,
  parseAnswer,
  parseCommand,
  parseJson,
  toJson,
} from '../src/index.js';

t.test('result codes', (t) => {
  t.same(
    [
      CONTROL_RESULT_SUCCESS,
      CONTROL_RESULT_ERROR,
      CONTROL_RESULT_COMMAND_UNSUPPORTED,
      CONTROL_RESULT_EMPTY,
      CONTROL_RESULT_CONFLICT,
    ],
    [0, 1, 2, 3, 4],
  );
  t.end();
});

t.test('createAnswer', (t) => {
  t.same(createAnswer(0), { result: 0 });
  t.same(createAnswer(3, 'Lease not found.'), { result: 3, text: 'Lease not found.' });
  t.same(createAnswer(0, 'ok', { a: 1 }), { result: 0, text: 'ok', arguments: { a: 1 } });
  t.same(createAnswer(0, undefined, []), { result: 0, arguments: [] });
  t.equal(
    toJson(createAnswer(1, 'bad', { z: 1, a: 2 })),
    '{"arguments":{"a":2,"z":1},"result":1,"text":"bad"}',
  );
  t.end();
});

t.test('parseCommand accepts the envelope', (t) => {
  t.same(parseCommand({ command: 'list-commands' }), { command: 'list-commands' });
  t.same(parseCommand({ command: 'config-get', service: ['dhcp4', 'dhcp6'] }), {
    command: 'config-get',
    service: ['dhcp4', 'dhcp6'],
  });
  t.same(parseCommand({ command: 'lease4-get', arguments: { 'ip-address': '192.0.2.1' } }), {
    command: 'lease4-get',
    arguments: { 'ip-address': '192.0.2.1' },
  });
  t.same(parseCommand({ command: 'x', service: [] }), { command: 'x', service: [] });
  t.same(
    parseCommand({ command: 'x', extra: 1, 'remote-address': '::1' }),
    { command: 'x' },
    'extras ignored',
  );
  const fromText = parseJson('{ "command": "status-get", # comment\n "arguments": {} }').value;
  t.same(parseCommand(fromText), { command: 'status-get', arguments: {} });
  t.end();
});

t.test('parseCommand error texts', (t) => {
  const cases: [JsonValue, string][] = [
    [null, 'invalid command: expected a map'],
    [[], 'invalid command: expected a map'],
    ['list-commands', 'invalid command: expected a map'],
    [42, 'invalid command: expected a map'],
    [{}, "Invalid answer specified, does not contain mandatory 'command'"],
    [{ arguments: {} }, "Invalid answer specified, does not contain mandatory 'command'"],
    [{ command: 1 }, "invalid command: 'command' must be a string"],
    [{ command: null }, "invalid command: 'command' must be a string"],
    [{ command: 'x', arguments: [] }, "invalid command 'x': 'arguments' must be a map"],
    [{ command: 'x', arguments: 'a' }, "invalid command 'x': 'arguments' must be a map"],
    [{ command: 'x', arguments: null }, "invalid command 'x': 'arguments' must be a map"],
    [{ command: 'x', service: 'dhcp4' }, 'service value must be a list'],
    [{ command: 'x', service: {} }, 'service value must be a list'],
    [{ command: 'x', service: ['dhcp4', 4] }, 'service value must be a list of strings'],
  ];
  for (const [value, message] of cases) {
    t.throws(() => parseCommand(value), { code: KEA_ERR_CC_BAD_COMMAND, message }, JSON.stringify(value));
  }
  t.throws(() => parseCommand({ command: 'x', extra: 1 }, { strict: true }), {
    code: KEA_ERR_CC_BAD_COMMAND,
    message: "invalid command 'x': unsupported parameter 'extra'",
  });
  t.same(parseCommand({ command: 'x', 'remote-address': '::1' }, { strict: true }), { command: 'x' });
  t.end();
});

t.test('parseAnswer', (t) => {
  t.same(parseAnswer({ result: 0, text: 'ok', arguments: { a: 1 } }), {
    result: 0,
    text: 'ok',
    arguments: { a: 1 },
  });
  t.same(parseAnswer({ result: 3 }), { result: 3 });
  t.throws(() => parseAnswer([]), { code: KEA_ERR_CC_BAD_ANSWER });
  t.throws(() => parseAnswer({ text: 'x' }), { code: KEA_ERR_CC_BAD_ANSWER });
  t.throws(() => parseAnswer({ result: 1.5 }), { code: KEA_ERR_CC_BAD_ANSWER });
  t.throws(() => parseAnswer({ result: 1, text: 2 }), { code: KEA_ERR_CC_BAD_ANSWER });
  t.end();
});

t.test('toJson sorts keys by code unit and is compact', (t) => {
  t.equal(
    toJson({ b: 1, a: { d: [1, { z: null, y: true }], c: 'x' } }),
    '{"a":{"c":"x","d":[1,{"y":true,"z":null}]},"b":1}',
  );
  t.equal(
    toJson({ 'valid-lifetime': 1, 'renew-timer': 2, Dhcp4: 3, '10': 4, '9': 5 }),
    '{"10":4,"9":5,"Dhcp4":3,"renew-timer":2,"valid-lifetime":1}',
  );
  t.equal(toJson({ é: 1, z: 2, Z: 3 }), '{"Z":3,"z":2,"é":1}');
  t.equal(toJson('a"b\\c\n\u0001'), '"a\\"b\\\\c\\n\\u0001"');
  t.equal(toJson([1.5, -0, 1e21, Number.NaN, Number.POSITIVE_INFINITY]), '[1.5,0,1e+21,null,null]');
  t.equal(toJson({ a: undefined, b: 1 }), '{"b":1}');
  t.equal(toJson([undefined]), '[null]');
  t.equal(toJson(undefined), 'null');
  t.equal(toJson(18446744073709551615n), '18446744073709551615');
  t.equal(
    toJson(
      new Map([
        ['b', 1],
        ['a', 2],
      ]),
    ),
    '{"a":2,"b":1}',
  );
  t.equal(toJson({ when: { toJSON: () => '2024-01-01' } }), '{"when":"2024-01-01"}');
  t.equal(toJson({}), '{}');
  t.equal(toJson([]), '[]');
  const shared = { x: 1 };
  t.equal(toJson([shared, shared]), '[{"x":1},{"x":1}]', 'a repeated object is not a cycle');
  const cyc: Record<string, unknown> = {};
  cyc.self = cyc;
  t.throws(() => toJson(cyc), { code: KEA_ERR_CC_TO_JSON });
  let deep: unknown = 1;
  for (let i = 0; i < 5000; i++) deep = [deep];
  t.throws(() => toJson(deep), { code: KEA_ERR_CC_TO_JSON });
  t.end();
});

t.test('toJson output parses back to the same value', (t) => {
  const text = '{"z": [1, 2, {"b": "\\u00e9\\ud83d\\ude00", "a": -1.25e-7}], "a": {"": null}}';
  const v = parseJson(text).value;
  t.same(parseJson(toJson(v)).value, v);
  t.same(JSON.parse(toJson(v)), v);
  t.end();
});
