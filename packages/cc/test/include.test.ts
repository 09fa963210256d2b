import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isKeaError } from '@kea-ts/util';
import t from 'tap';
import {
  JsonParseError,
  type JsonValue,
  KEA_ERR_CC_FILE_READ,
  KEA_ERR_CC_PARSE,
  MAX_INCLUDE_DEPTH,
  parseJson,
  parseJsonFile,
} from '../src/index.js';

function parseFileError(path: string): JsonParseError {
  try {
    parseJsonFile(path);
  } catch (e) {
    if (e instanceof JsonParseError) return e;
    throw e;
  }
  throw new Error(`no error for ${path}`);
}

t.test('an include splices the other file in, positions name that file', (t) => {
  const dir = t.testdir({
    'kea-dhcp4.conf': [
      '// main file',
      '{',
      '  "Dhcp4": <?include "conf.d/dhcp4.json"?>,',
      '  "after": true',
      '}',
    ].join('\n'),
    'conf.d': {
      'dhcp4.json': '{\n  # relative to conf.d\n  "subnet4": [ <?include "subnets.json"?> ],\n  "x": 1\n}\n',
      // Kea splices tokens, so a file may hold a list fragment rather than one value.
      'subnets.json': '{ "id": 1 },\n{ "id": 2 }\n',
    },
  });
  const main = join(dir, 'kea-dhcp4.conf');
  const r = parseJsonFile(main);
  t.same(r.value, { Dhcp4: { subnet4: [{ id: 1 }, { id: 2 }], x: 1 }, after: true });
  const at = (p: string) => {
    const pos = r.positions.get(p);
    return pos && `${pos.file}:${pos.line}:${pos.column}`;
  };
  t.equal(at(''), `${main}:2:1`);
  t.equal(at('Dhcp4'), `${main}:3:3`);
  t.equal(at('Dhcp4/subnet4'), `${join(dir, 'conf.d/dhcp4.json')}:3:3`);
  t.equal(at('Dhcp4/subnet4/0'), `${join(dir, 'conf.d/subnets.json')}:1:1`);
  t.equal(at('Dhcp4/subnet4/1/id'), `${join(dir, 'conf.d/subnets.json')}:2:3`);
  t.equal(at('Dhcp4/x'), `${join(dir, 'conf.d/dhcp4.json')}:4:3`);
  t.equal(at('after'), `${main}:4:3`, 'lines of the including file continue after the include');
  t.end();
});

t.test('an error inside an included file names that file', (t) => {
  const dir = t.testdir({
    'main.json': '{\n  "a": <?include "sub/bad.json"?>\n}',
    sub: { 'bad.json': '{\n  "ok": 1,\n  "bad": nope\n}' },
  });
  const e = parseFileError(join(dir, 'main.json'));
  t.equal(e.message, `${join(dir, 'sub/bad.json')}:3:10: syntax error, unexpected 'nope', expecting a value`);
  t.equal(e.position.file, join(dir, 'sub/bad.json'));
  t.end();
});

t.test('an error right after an include points into the including file', (t) => {
  const dir = t.testdir({
    'main.json': '[\n  <?include "one.json"?> 2\n]',
    'one.json': '1',
  });
  const e = parseFileError(join(dir, 'main.json'));
  t.equal(
    e.message,
    `${join(dir, 'main.json')}:2:26: syntax error, unexpected number 2, expecting ',' or ']'`,
  );
  t.end();
});

t.test('a missing include names the path it looked for', (t) => {
  const dir = t.testdir({ 'main.json': '{\n  "a": <?include "nowhere/missing.json"?>\n}' });
  const e = parseFileError(join(dir, 'main.json'));
  t.equal(e.code, KEA_ERR_CC_PARSE);
  t.match(
    e.message,
    `${join(dir, 'main.json')}:2:8: cannot read included file '${join(dir, 'nowhere/missing.json')}': ENOENT`,
  );
  t.notOk(e.message.includes('\n'));
  t.end();
});

t.test('absolute include paths', (t) => {
  const dir = t.testdir({ 'value.json': '{"v": 5}', 'main.json': '' });
  const r = parseJson(`[<?include "${join(dir, 'value.json')}"?>]`, { allowIncludes: true });
  t.same(r.value, [{ v: 5 }]);
  t.equal(r.positions.get('0/v')?.file, join(dir, 'value.json'));
  t.end();
});

t.test(`${MAX_INCLUDE_DEPTH} nested includes work, one more fails`, (t) => {
  const files: Record<string, string> = {};
  // f0 includes f1 ... f(n-1) includes f(n) which holds the value.
  const chain = (n: number, prefix: string) => {
    for (let i = 0; i < n; i++) files[`${prefix}${i}.json`] = `[<?include "${prefix}${i + 1}.json"?>]`;
    files[`${prefix}${n}.json`] = `"deep"`;
  };
  chain(MAX_INCLUDE_DEPTH, 'ok');
  chain(MAX_INCLUDE_DEPTH + 1, 'bad');
  const dir = t.testdir(files);
  let v = parseJsonFile(join(dir, 'ok0.json')).value;
  for (let i = 0; i < MAX_INCLUDE_DEPTH; i++) v = (v as JsonValue[])[0]!;
  t.equal(v, 'deep');
  const e = parseFileError(join(dir, 'bad0.json'));
  t.equal(
    e.message,
    `${join(dir, `bad${MAX_INCLUDE_DEPTH}.json`)}:1:2: too many nested includes: more than ${MAX_INCLUDE_DEPTH} levels`,
  );
  t.end();
});

t.test('a file including itself stops at the depth limit', (t) => {
  const dir = t.testdir({ 'loop.json': '[<?include "loop.json"?>]' });
  const e = parseFileError(join(dir, 'loop.json'));
  t.match(e.message, /loop\.json:1:2: too many nested includes/);
  t.end();
});

t.test('malformed include directives', (t) => {
  const dir = t.testdir({ 'x.json': '1' });
  const cases: [string, string][] = [
    ['[<?include x.json?>]', 'invalid include directive: expected <?include "path"?>'],
    ['[<?include ""?>]', 'invalid include directive: expected <?include "path"?>'],
    ['[<?include "x.json\n"?>]', 'invalid include directive: expected <?include "path"?>'],
    ['[<?include "x.json">]', 'invalid include directive: expected ?> after the path'],
  ];
  for (const [text, reason] of cases) {
    try {
      parseJson(text, { file: join(dir, 'main.json'), allowIncludes: true });
      t.fail('no error');
    } catch (e) {
      t.equal((e as JsonParseError).reason, reason, JSON.stringify(text));
      t.equal((e as JsonParseError).position.column, 2);
    }
  }
  t.same(
    parseJson('[<?include   "x.json"  ?>]', { file: join(dir, 'main.json'), allowIncludes: true }).value,
    [1],
  );
  t.end();
});

t.test('parseJsonFile: missing file, includes can be turned off', (t) => {
  const dir = t.testdir({ 'inc.json': '[<?include "x.json"?>]', 'x.json': '1' });
  t.throws(() => parseJsonFile(join(dir, 'absent.conf')), {
    code: KEA_ERR_CC_FILE_READ,
    message: `cannot read file '${join(dir, 'absent.conf')}': ENOENT: no such file or directory, open '${join(dir, 'absent.conf')}'`,
  });
  try {
    parseJsonFile(join(dir, 'inc.json'), { allowIncludes: false });
    t.fail('no error');
  } catch (e) {
    t.ok(isKeaError(e, KEA_ERR_CC_PARSE));
    t.equal((e as Error).message, `${join(dir, 'inc.json')}:1:2: include directives are not allowed here`);
  }
  t.equal(readFileSync(join(dir, 'x.json'), 'utf8'), '1');
  t.end();
});
