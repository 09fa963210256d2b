import t from 'tap';
import { JsonParseError, parseJson } from '../src/index.js';

function depthError(text: string, maxDepth?: number): { error: JsonParseError; ms: number } {
  const start = performance.now();
  try {
    parseJson(text, maxDepth === undefined ? {} : { maxDepth });
  } catch (e) {
    if (e instanceof JsonParseError) return { error: e, ms: performance.now() - start };
    throw e;
  }
  throw new Error('parsed without error');
}

const N = 100_000;

t.test('100,000 nested arrays fail cleanly and fast', (t) => {
  const { error, ms } = depthError('['.repeat(N) + ']'.repeat(N));
  t.equal(error.message, '<string>:1:257: too deeply nested: more than 256 levels');
  t.ok(ms < 500, `took ${ms.toFixed(1)} ms`);
  t.end();
});

t.test('100,000 nested objects fail cleanly and fast', (t) => {
  const { error, ms } = depthError('{"a":'.repeat(N) + '1' + '}'.repeat(N));
  t.equal(error.message, '<string>:1:1281: too deeply nested: more than 256 levels');
  t.ok(ms < 500, `took ${ms.toFixed(1)} ms`);
  t.end();
});

t.test('100,000 levels of mixed nesting, unterminated, fail the same way', (t) => {
  const { error, ms } = depthError('[{"k":'.repeat(N / 2));
  t.match(error.message, /^<string>:1:\d+: too deeply nested: more than 256 levels$/);
  t.ok(ms < 500, `took ${ms.toFixed(1)} ms`);
  t.end();
});

t.test('exactly the limit parses; one more does not', (t) => {
  t.equal(JSON.stringify(parseJson('['.repeat(256) + ']'.repeat(256)).value).length, 512);
  t.throws(() => parseJson('['.repeat(257) + ']'.repeat(257)), JsonParseError);
  t.throws(() => parseJson('{"a":'.repeat(257) + '1' + '}'.repeat(257)), JsonParseError);
  t.end();
});

t.test('maxDepth is configurable, and deep values are built without recursion', (t) => {
  const { error } = depthError('[[[1]]]', 2);
  t.equal(error.message, '<string>:1:3: too deeply nested: more than 2 levels');
  const deep = parseJson('['.repeat(N) + ']'.repeat(N), { maxDepth: N }).value;
  let d = 0;
  for (let v: unknown = deep; Array.isArray(v); v = v[0]) d++;
  t.equal(d, N);
  t.end();
});
