import t from 'tap';
import { findJsonEnd, isCompleteJson, JsonEndFinder, parseCommand, parseJson } from '../src/index.js';

const sample = [
  '# leading comment with { and "',
  '{ "command": "config-set", // a } in a comment',
  '  "arguments": { "Dhcp4": { "text": "braces } ] { [ and \\"quotes\\" and \\\\", /* } ] */',
  '    "list": [1, 2, {"x": "]"}], "empty": {} } },',
  '  "service": [ "dhcp4" ] }',
].join('\n');

t.test('sample command is valid JSON for the parser', (t) => {
  const cmd = parseCommand(parseJson(sample).value);
  t.equal(cmd.command, 'config-set');
  t.same(cmd.service, ['dhcp4']);
  t.end();
});

t.test('no prefix is complete; the whole is', (t) => {
  for (let i = 0; i < sample.length; i++) {
    if (findJsonEnd(sample.slice(0, i)) !== -1) {
      t.fail(`prefix of ${i} chars reported complete`);
      break;
    }
  }
  t.equal(findJsonEnd(sample), sample.length);
  t.ok(isCompleteJson(sample));
  t.notOk(isCompleteJson(sample.slice(0, -1)));
  t.end();
});

t.test('split at every boundary into two chunks', (t) => {
  let bad = 0;
  for (let i = 0; i <= sample.length; i++) {
    const f = new JsonEndFinder();
    const first = f.feed(sample.slice(0, i));
    const second = f.feed(sample.slice(i));
    if (first !== (i === sample.length ? sample.length : -1) || second !== sample.length) bad++;
  }
  t.equal(bad, 0, `${sample.length + 1} splits`);
  t.end();
});

t.test('one character at a time', (t) => {
  const f = new JsonEndFinder();
  let end = -1;
  for (let i = 0; i < sample.length && end < 0; i++) end = f.feed(sample[i]!);
  t.equal(end, sample.length);
  t.end();
});

t.test('the end is found before data that follows', (t) => {
  const two = '{"command": "a"}{"command": "b"}';
  t.equal(findJsonEnd(two), 16);
  const f = new JsonEndFinder();
  t.equal(f.feed('{"command": '), -1);
  t.equal(f.feed('"a"} trailing'), 16);
  t.equal(f.feed('more'), 16, 'stays done until reset');
  f.reset();
  t.equal(f.feed('[1]'), 3);
  t.end();
});

t.test('shapes and edge cases', (t) => {
  const cases: [string, number][] = [
    ['', -1],
    ['   \n', -1],
    ['# only a comment', -1],
    ['/* open', -1],
    ['/', -1],
    ['{', -1],
    ['{"a": "}', -1],
    ['{"a": "\\"}', -1],
    ['{"a": "\\\\"}', 11],
    ['[1, [2, [3]]]', 13],
    ['  {}  ', 4],
    ['/* x */ []', 10],
    ['// x\n[]', 7],
    ['"str"', 5],
    ['"st\\"r"', 7],
    ['123', -1],
    ['123 ', 3],
    ['true\n', 4],
    ['{"a": 1 /* } */ # }\n}', 21],
    ['{"a": 1 / 2}', 12],
    ['not json', 3],
    ['}', 1],
    ['<?include "x"?>', 1],
    ['/x', 1],
    ['{]', 2],
  ];
  for (const [text, end] of cases) t.equal(findJsonEnd(text), end, JSON.stringify(text));
  t.end();
});

t.test('garbage ends early so the caller can answer with the parse error', (t) => {
  const text = '@@@ and more';
  const end = findJsonEnd(text);
  t.equal(end, 1);
  t.throws(() => parseJson(text.slice(0, end)), {
    message: "<string>:1:1: syntax error, unexpected '@', expecting a value",
  });
  t.end();
});
