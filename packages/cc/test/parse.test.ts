import { isKeaError } from '@kea-ts/util';
import t from 'tap';
import { formatPosition, JsonParseError, KEA_ERR_CC_PARSE, parseJson } from '../src/index.js';

function parseError(text: string, file?: string): JsonParseError {
  try {
    parseJson(text, file === undefined ? {} : { file });
  } catch (e) {
    if (e instanceof JsonParseError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

t.test('plain JSON values', (t) => {
  const cases: [string, unknown][] = [
    ['null', null],
    ['true', true],
    ['false', false],
    ['0', 0],
    ['-1', -1],
    ['3.25', 3.25],
    ['1e3', 1000],
    ['1E+2', 100],
    ['-2.5e-3', -0.0025],
    ['"x"', 'x'],
    ['""', ''],
    ['[]', []],
    ['{}', {}],
    ['[1, "a", null, true, [false], {"k": {}}]', [1, 'a', null, true, [false], { k: {} }]],
    [' \t\r\n {"a" : 1 , "b":[ ] }\n', { a: 1, b: [] }],
    ['\ufeff{"bom": 1}', { bom: 1 }],
  ];
  for (const [text, value] of cases) t.same(parseJson(text).value, value, JSON.stringify(text));
  t.ok(Object.is(parseJson('-0').value, -0), '-0 keeps its sign');
  t.end();
});

t.test('big integers lose precision beyond 2^53 (documented)', (t) => {
  t.equal(parseJson('9007199254740993').value, 9007199254740992);
  t.equal(parseJson('18446744073709551615').value, 18446744073709552000);
  t.end();
});

t.test('string escapes', (t) => {
  const cases: [string, string][] = [
    ['"a\\"b"', 'a"b'],
    ['"\\\\"', '\\'],
    ['"\\/"', '/'],
    ['"\\b\\f\\n\\r\\t"', '\b\f\n\r\t'],
    ['"\\u0041\\u00e9"', 'Aé'],
    ['"\\u20AC"', '€'],
    ['"\\ud83d\\ude00"', '😀'],
    ['"x\\u0000y"', 'x\u0000y'],
    ['"raw é 😀"', 'raw é 😀'],
    ['"pre\\npost and more"', 'pre\npost and more'],
  ];
  for (const [text, value] of cases) t.equal(parseJson(text).value, value, text);
  t.end();
});

t.test('errors name file, line and column and say what was expected', (t) => {
  const cases: [string, string][] = [
    ['', '<string>:1:1: no JSON value found'],
    ['  \n # only a comment\n', '<string>:3:1: no JSON value found'],
    ['[1 2]', "<string>:1:4: syntax error, unexpected number 2, expecting ',' or ']'"],
    ['{"a" 1}', "<string>:1:6: syntax error, unexpected number 1, expecting ':'"],
    ['{"a": 1 "b": 2}', "<string>:1:9: syntax error, unexpected string \"b\", expecting ',' or '}'"],
    ['{1: 2}', "<string>:1:2: syntax error, unexpected number 1, expecting a string key or '}'"],
    ['{"a": }', "<string>:1:7: syntax error, unexpected '}', expecting a value"],
    ['[', '<string>:1:2: syntax error, unexpected end of file, expecting a value'],
    ['{"a": [1, 2}', "<string>:1:12: syntax error, unexpected '}', expecting ',' or ']'"],
    ['{"a": 1}}', "<string>:1:9: syntax error, unexpected '}', expecting end of file"],
    ['{"a": 1} {"b": 2}', "<string>:1:10: syntax error, unexpected '{', expecting end of file"],
    ['1 2', '<string>:1:3: syntax error, unexpected number 2, expecting end of file'],
    ['NaN', "<string>:1:1: syntax error, unexpected 'NaN', expecting a value"],
    ['[Infinity]', "<string>:1:2: syntax error, unexpected 'Infinity', expecting a value"],
    ['[-Infinity]', "<string>:1:2: invalid number '-Infinity'"],
    ['{"a": undefined}', "<string>:1:7: syntax error, unexpected 'undefined', expecting a value"],
    ["{'a': 1}", "<string>:1:2: syntax error, unexpected ''', expecting a string key or '}'"],
    ['[1,,2]', "<string>:1:4: syntax error, unexpected ',', expecting a value"],
    ['[,]', "<string>:1:2: syntax error, unexpected ',', expecting a value"],
    ['{,}', "<string>:1:2: syntax error, unexpected ',', expecting a string key or '}'"],
    ['[01]', "<string>:1:2: invalid number '01'"],
    ['[1.]', "<string>:1:2: invalid number '1.'"],
    ['[1e]', "<string>:1:2: invalid number '1e'"],
    ['[1.2.3]', "<string>:1:2: invalid number '1.2.3'"],
    ['[0x10]', "<string>:1:2: invalid number '0x10'"],
    ['[+1]', "<string>:1:2: syntax error, unexpected '+', expecting a value"],
    ['[1e400]', "<string>:1:2: number '1e400' is out of range"],
    ['"abc', '<string>:1:1: unterminated string'],
    ['["a\\', '<string>:1:2: unterminated string'],
    ['"a\tb"', '<string>:1:3: invalid control character 0x09 in string'],
    ['"a\nb"', '<string>:1:3: invalid control character 0x0a in string'],
    ['"\\x"', "<string>:1:2: invalid escape '\\x' in string"],
    ['"\\u12"', '<string>:1:2: invalid \\u escape in string: expected four hex digits'],
    ['"\\ud83d"', '<string>:1:2: unpaired surrogate in \\u escape'],
    ['"\\ude00"', '<string>:1:2: unpaired surrogate in \\u escape'],
    ['"ok\\ud83d\\u0041"', '<string>:1:4: unpaired surrogate in \\u escape'],
    ['[1] /* open', '<string>:1:5: unterminated comment: /* without */'],
    ['[1 / 2]', "<string>:1:4: syntax error, unexpected '/', expecting ',' or ']'"],
    ['[TRUE]', "<string>:1:2: syntax error, unexpected 'TRUE', expecting a value"],
    ['{"a":1,\n "b":\n   @}', "<string>:3:4: syntax error, unexpected '@', expecting a value"],
    ['[\u00a0]', "<string>:1:2: syntax error, unexpected '\u00a0', expecting a value"],
  ];
  for (const [text, message] of cases) {
    const e = parseError(text);
    t.equal(e.message, message, JSON.stringify(text));
    t.equal(e.code, KEA_ERR_CC_PARSE);
    t.ok(isKeaError(e, KEA_ERR_CC_PARSE));
    t.notOk(e.message.includes('\n'), 'one line');
    t.equal(formatPosition(e.position), e.message.split(': ')[0]);
  }
  t.end();
});

t.test('long tokens are shortened in messages', (t) => {
  const e = parseError(`[1 "${'x'.repeat(100)}"]`);
  t.equal(
    e.message,
    `<string>:1:4: syntax error, unexpected string "${'x'.repeat(40)}...", expecting ',' or ']'`,
  );
  t.end();
});

t.test('the file option names the source', (t) => {
  const e = parseError('{\n  "a": 1,\n  "b": nope\n}', '/etc/kea/kea-dhcp4.conf');
  t.equal(e.message, "/etc/kea/kea-dhcp4.conf:3:8: syntax error, unexpected 'nope', expecting a value");
  t.same(e.position, { file: '/etc/kea/kea-dhcp4.conf', line: 3, column: 8 });
  t.equal(e.reason, "syntax error, unexpected 'nope', expecting a value");
  t.end();
});

t.test('CRLF line ends count once', (t) => {
  const e = parseError('{\r\n"a":\r\n  x}');
  t.same(e.position, { file: '<string>', line: 3, column: 3 });
  t.end();
});

t.test('duplicate keys: the later one wins', (t) => {
  const r = parseJson('{"a": 1,\n "a": 2}');
  t.same(r.value, { a: 2 });
  t.same(r.positions.get('a'), { file: '<string>', line: 2, column: 2 });
  t.end();
});

t.test('__proto__ is an ordinary key', (t) => {
  const v = parseJson('{"__proto__": {"polluted": true}, "b": 1}').value as Record<string, unknown>;
  t.equal(Object.getPrototypeOf(v), Object.prototype);
  t.same(Object.keys(v), ['__proto__', 'b']);
  t.same(Object.getOwnPropertyDescriptor(v, '__proto__')?.value, { polluted: true });
  t.equal(({} as Record<string, unknown>).polluted, undefined);
  t.end();
});

t.test('trailing commas are accepted with a warning', (t) => {
  const r = parseJson('{\n  "a": [1, 2,],\n  "b": {"c": 1,},\n}');
  t.same(r.value, { a: [1, 2], b: { c: 1 } });
  t.same(
    r.warnings.map((w) => [w.text, w.position.line, w.position.column]),
    [
      ['extraneous comma', 2, 13],
      ['extraneous comma', 3, 15],
      ['extraneous comma', 3, 17],
    ],
  );
  t.same(parseJson('[1]').warnings, []);
  t.end();
});

t.test('positions of every value keyed by path', (t) => {
  const text = [
    '{', //                                 line 1
    '  "Dhcp4": {', //                      line 2
    '    "subnet4": [', //                  line 3
    '      {', //                           line 4
    '        "id": 1,', //                  line 5
    '        "pools": [ { "pool": "a" },', // line 6
    '                   { "pool": "b" } ]', // line 7
    '      },', //                          line 8
    '      { "id": 2 }', //                 line 9
    '    ],', //                            line 10
    '    "x/y": [[1, 2], []]', //           line 11
    '  }', //                               line 12
    '}', //                                 line 13
  ].join('\n');
  const r = parseJson(text, { file: 'kea.conf' });
  const at = (path: string) => {
    const p = r.positions.get(path);
    return p === undefined ? undefined : `${p.line}:${p.column}`;
  };
  const expected: [string, string][] = [
    ['', '1:1'],
    ['Dhcp4', '2:3'],
    ['Dhcp4/subnet4', '3:5'],
    ['Dhcp4/subnet4/0', '4:7'],
    ['Dhcp4/subnet4/0/id', '5:9'],
    ['Dhcp4/subnet4/0/pools', '6:9'],
    ['Dhcp4/subnet4/0/pools/0', '6:20'],
    ['Dhcp4/subnet4/0/pools/0/pool', '6:22'],
    ['Dhcp4/subnet4/0/pools/1', '7:20'],
    ['Dhcp4/subnet4/0/pools/1/pool', '7:22'],
    ['Dhcp4/subnet4/1', '9:7'],
    ['Dhcp4/subnet4/1/id', '9:9'],
    ['Dhcp4/x/y', '11:5'],
    ['Dhcp4/x/y/0', '11:13'],
    ['Dhcp4/x/y/0/0', '11:14'],
    ['Dhcp4/x/y/0/1', '11:17'],
    ['Dhcp4/x/y/1', '11:21'],
  ];
  for (const [path, pos] of expected) t.equal(at(path), pos, `'${path}'`);
  t.equal(r.positions.size, expected.length, 'nothing else recorded');
  t.equal(r.positions.get('Dhcp4/subnet4')?.file, 'kea.conf');
  t.end();
});

t.test('comments of every kind in every position', (t) => {
  const tokens = ['{', '"a"', ':', '[', '1', ',', '"x"', ']', ',', '"b"', ':', 'null', '}'];
  const expected = { a: [1, 'x'], b: null };
  const comments = [
    '# hash comment with { [ " \n',
    '// slash comment with } ] " \n',
    '/* block { ] " */',
    '/* multi\n line\n # // */',
    '/**/',
    '/* ** / */',
    '#\n',
    '//\n',
  ];
  let count = 0;
  for (const c of comments) {
    for (let gap = 0; gap <= tokens.length; gap++) {
      const text = [...tokens.slice(0, gap), c, ...tokens.slice(gap)].join(' ');
      t.same(parseJson(text).value, expected, JSON.stringify(text));
      count++;
    }
  }
  // A comment on the last line needs no newline.
  t.same(parseJson('[1] # end').value, [1]);
  t.same(parseJson('[1] // end').value, [1]);
  // Comment markers inside strings are text.
  t.same(parseJson('["# no", "// no", "/* no */", "<?include \\"x\\"?>"]').value, [
    '# no',
    '// no',
    '/* no */',
    '<?include "x"?>',
  ]);
  t.ok(count > 100);
  t.end();
});

t.test('positions after multi-line comments stay right', (t) => {
  const r = parseJson('/* one\ntwo\nthree */ {"a": # x\n  /* y\n */ 1}');
  t.same(r.positions.get(''), { file: '<string>', line: 3, column: 10 });
  t.same(r.positions.get('a'), { file: '<string>', line: 3, column: 11 });
  t.end();
});

t.test('includes are refused unless allowed', (t) => {
  const e = parseError('{"a": <?include "x.json"?>}');
  t.equal(e.message, '<string>:1:7: include directives are not allowed here');
  t.end();
});

t.test('the positions map behaves as a Map', (t) => {
  const r = parseJson('{"a": [1, {"b": 2}]}');
  t.same([...r.positions.keys()], ['', 'a', 'a/0', 'a/1', 'a/1/b']);
  t.same(
    [...r.positions].map(([k, p]) => `${k}=${p.column}`),
    ['=1', 'a=2', 'a/0=8', 'a/1=11', 'a/1/b=12'],
  );
  const copy = new Map(parseJson('[1]').positions);
  t.equal(copy.size, 2);
  const seen: string[] = [];
  parseJson('[1]').positions.forEach((_p, k) => {
    seen.push(k);
  });
  t.same(seen, ['', '0']);
  t.same(
    [...parseJson('{"k": 1}').positions.values()].map((p) => p.column),
    [1, 2],
  );
  t.ok(parseJson('{"k": 1}').positions.has('k'));
  const m = parseJson('[1]').positions;
  m.set('x', { file: 'f', line: 1, column: 1 });
  t.equal(m.size, 3);
  t.ok(m.delete('0'));
  t.equal(m.size, 2);
  const c = parseJson('[1]').positions;
  c.clear();
  t.equal(c.size, 0);
  t.end();
});

t.test('a large config parses quickly', (t) => {
  const rows: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const h = ((i >> 8) & 255).toString(16).padStart(2, '0');
    const l = (i & 255).toString(16).padStart(2, '0');
    rows.push(
      `{ "hw-address": "aa:bb:cc:00:${h}:${l}", "ip-address": "10.${i >> 16}.${(i >> 8) & 255}.${i & 255}", "hostname": "host-${i}" }`,
    );
  }
  const text = `{ "Dhcp4": { # many hosts\n "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "reservations": [\n${rows.join(',\n')}\n] } ] } }`;
  const start = performance.now();
  const r = parseJson(text);
  const parsed = performance.now();
  const pos = r.positions.get('Dhcp4/subnet4/0/reservations/99999/hostname');
  const looked = performance.now();
  t.same(pos, { file: '<string>', line: 100_002, column: 68 });
  t.equal(r.positions.size, 400_007);
  t.comment(
    `${(text.length / 1e6).toFixed(1)} MB: parse ${(parsed - start).toFixed(0)} ms, positions ${(looked - parsed).toFixed(0)} ms`,
  );
  // Generous bound: CI machines are shared; typical is a few hundred ms.
  t.ok(parsed - start < 3000, 'parse time');
  t.end();
});

t.test('JsonParseError is a KeaError with a position', (t) => {
  const e = parseError('[x]', 'a.json');
  t.ok(e instanceof Error);
  t.equal(e.name, 'JsonParseError');
  t.ok(isKeaError(e, 'KEA_ERR_CC_PARSE'));
  t.equal(formatPosition(e.position), 'a.json:1:2');
  t.end();
});

t.test("a fraction without its integer part reads as Kea's lexer reads it", (t) => {
  t.same(parseJson('{"t1-percent": .5, "x": -.25, "y": .5e1}').value, { 't1-percent': 0.5, x: -0.25, y: 5 });
  t.throws(() => parseJson('{"a": .}'), { code: 'KEA_ERR_CC_PARSE' });
  t.throws(() => parseJson('{"a": .e5}'), { code: 'KEA_ERR_CC_PARSE' });
  t.throws(() => parseJson('{"a": -.}'), { code: 'KEA_ERR_CC_PARSE' });
  t.end();
});
