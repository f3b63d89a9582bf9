import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { parseToml, TomlError } from '../src/toml.js';
import { APP_ROOT } from '../test-support/run-cruz.js';

test("reads the repository's wrangler.toml: tables, arrays of tables, strings, numbers, arrays", async () => {
  const toml = parseToml(await readFile(path.join(APP_ROOT, 'wrangler.toml'), 'utf8'));
  assert.equal(toml.name, 'my-todos');
  assert.deepEqual(toml.compatibility_flags, ['nodejs_compat']);
  assert.equal(/** @type {any} */ (toml.vars).CRUZ_JOBS_MODE, 'queue');
  assert.deepEqual(/** @type {any} */ (toml.d1_databases)[0].binding, 'DB');
  assert.deepEqual(/** @type {any} */ (toml.queues).producers, [{ binding: 'JOBS', queue: 'my-todos-jobs' }]);
  assert.deepEqual(/** @type {any} */ (toml.queues).consumers, [
    { queue: 'my-todos-jobs', max_batch_size: 10, max_batch_timeout: 1, max_retries: 10, dead_letter_queue: 'my-todos-jobs-dlq' },
  ]);
  assert.deepEqual(toml.triggers, { crons: ['* * * * *'] });
});

test('arrays of tables collect one table per header, and [a.b] after [[a]] goes into the last one', () => {
  const toml = parseToml(`
[[queues.consumers]]
queue = "a"
[[queues.consumers]]
queue = "b"
[queues.consumers.settings]
x = 1
[[queues.producers]] # comment after a header
queue = "c"
`);
  assert.deepEqual(toml, {
    queues: {
      consumers: [{ queue: 'a' }, { queue: 'b', settings: { x: 1 } }],
      producers: [{ queue: 'c' }],
    },
  });
});

test('keys: bare, quoted, dotted with spaces; values: every scalar form wrangler.toml may hold', () => {
  const toml = parseToml(
    [
      'a-b_1 = "x"',
      '"quoted key" = 1',
      "'lit' = 2",
      'site . bucket = "./public"',
      'esc = "tab\\there \\"q\\" \\\\ \\u00e9"',
      "literal = 'C:\\path\\no\\escapes'",
      'int = +1_000',
      'neg = -17',
      'hex = 0xff',
      'float = 6.5e-1',
      'yes = true',
      'no = false',
      'date = 2026-04-20',
      'stamp = 1979-05-27T07:32:00Z',
      'spaced = 1979-05-27 07:32:00',
      'inf = -inf',
    ].join('\n'),
  );
  assert.deepEqual(toml, {
    'a-b_1': 'x',
    'quoted key': 1,
    lit: 2,
    site: { bucket: './public' },
    esc: 'tab\there "q" \\ é',
    literal: 'C:\\path\\no\\escapes',
    int: 1000,
    neg: -17,
    hex: 255,
    float: 0.65,
    yes: true,
    no: false,
    date: '2026-04-20',
    stamp: '1979-05-27T07:32:00Z',
    spaced: '1979-05-27 07:32:00',
    inf: -Infinity,
  });
});

test('arrays over several lines with comments and a trailing comma; nested arrays; inline tables', () => {
  const toml = parseToml(`
crons = [
  "* * * * *", # every minute
  "0 3 * * *",
]
nested = [[1, 2], ["a"]]
empty = []
route = { pattern = "example.com/*", zone_name = "example.com", custom = true }
routes = [{ pattern = "a" }, { pattern = "b", x.y = 1 }]
`);
  assert.deepEqual(toml, {
    crons: ['* * * * *', '0 3 * * *'],
    nested: [[1, 2], ['a']],
    empty: [],
    route: { pattern: 'example.com/*', zone_name: 'example.com', custom: true },
    routes: [{ pattern: 'a' }, { pattern: 'b', x: { y: 1 } }],
  });
});

test('multi-line strings: basic with escapes and line-ending backslash, literal as written', () => {
  const toml = parseToml('a = """\nline 1\nline \\\n    2 \\t"""\nb = \'\'\'\nC:\\raw\n\'\'\'\nc = """x""""\n');
  assert.deepEqual(toml, { a: 'line 1\nline 2 \t', b: 'C:\\raw\n', c: 'x"' });
});

test('CRLF line endings read the same as LF', () => {
  assert.deepEqual(parseToml('[vars]\r\nA = "1"\r\n# c\r\nB = [\r\n 2,\r\n]\r\n'), { vars: { A: '1', B: [2] } });
});

test('errors name the line and what is wrong', () => {
  const cases = [
    ['name = "x"\nname = "y"', 2, 'key "name" is defined twice'],
    ['[vars]\na = 1\n[vars]', 3, 'table [vars] is defined twice'],
    ['a = 1\n[a.b]', 2, '"a.b" uses "a", which is already a value, as a table'],
    ['[vars]\n[[vars]]', 2, '[[vars]] names something that is not an array of tables'],
    ['x = [1, 2', 1, 'unterminated array'],
    ['x = "abc', 1, 'unterminated string'],
    ['\n\nx = abc', 3, '"abc" is not a TOML value (strings need quotes)'],
    ['x = 1 y = 2', 1, 'unexpected "y" after a value'],
    ['x', 1, 'expected "=" after the key'],
    ['x =', 1, 'missing value'],
    ['[a', 1, 'expected "]" to close the table header'],
    ['[[a]', 1, 'expected "]]" to close the table header'],
    ['x = "\\q"', 1, 'unknown escape \\q'],
    ['x = { a = 1', 1, 'expected "," or "}" in an inline table'],
    ['x = """abc', 1, 'unterminated multi-line string'],
  ];
  for (const [text, line, message] of cases) {
    assert.throws(
      () => parseToml(/** @type {string} */ (text)),
      (error) => error instanceof TomlError && error.line === line && error.message.startsWith(`line ${line}: ${message}`),
      JSON.stringify(text),
    );
  }
});
