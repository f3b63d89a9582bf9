import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCell, formatTable, rowCount } from '../src/format-table.js';

test('pads every column but the last to the widest of header and values', () => {
  const out = formatTable([
    { id: 'clx1abc', type: 'todos/welcome-email', status: 'COMPLETED', summary: '{"recipient":"jane@example.com"}' },
    { id: 'b', type: 't', status: 'DEAD', summary: 'x' },
  ]);
  assert.equal(
    out,
    [
      'id      | type                | status    | summary',
      '--------|---------------------|-----------|---------------------------------',
      'clx1abc | todos/welcome-email | COMPLETED | {"recipient":"jane@example.com"}',
      'b       | t                   | DEAD      | x',
      '(2 rows)',
    ].join('\n'),
  );
});

test('a header wider than its values sets the width', () => {
  assert.equal(formatTable([{ attempts: 1, n: 22 }]), ['attempts | n', '---------|---', '1        | 22', '(1 row)'].join('\n'));
});

test('null and missing values print as NULL; columns are the union of all rows in first-seen order', () => {
  assert.equal(
    formatTable([{ a: null }, { a: 1, b: 'x' }]),
    ['a    | b', '-----|-----', 'NULL | NULL', '1    | x', '(2 rows)'].join('\n'),
  );
});

test('strings print as-is, objects as JSON, numbers and booleans as text', () => {
  assert.equal(formatCell('{"recipient":"jane@example.com"}'), '{"recipient":"jane@example.com"}');
  assert.equal(formatCell({ a: [1, 'b'] }), '{"a":[1,"b"]}');
  assert.equal(formatCell(0), '0');
  assert.equal(formatCell(false), 'false');
  assert.equal(formatCell(undefined), 'NULL');
  assert.equal(formatCell(''), '');
});

test('width is string length, so non-ASCII text pads by characters', () => {
  assert.equal(formatTable([{ name: 'café', x: 1 }]), ['name | x', '-----|--', 'café | 1', '(1 row)'].join('\n'));
});

test('an empty result is just the row count', () => {
  assert.equal(formatTable([]), '(0 rows)');
});

test('row count uses the singular only for one row', () => {
  assert.equal(rowCount(0), '(0 rows)');
  assert.equal(rowCount(1), '(1 row)');
  assert.equal(rowCount(12), '(12 rows)');
});
