// Runs the real wrangler against a throwaway local state folder (each call takes ~2 s).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCruz } from '../test-support/run-cruz.js';

describe('cruz db migrate + db query on a temporary local database', () => {
  /** @type {string} */
  let stateDir;

  before(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'cruz-db-test-'));
    const migrate = await runCruz(['db', 'migrate', '--persist-to', stateDir]);
    assert.equal(migrate.code, 0, migrate.stdout + migrate.stderr);
  });
  after(() => rm(stateDir, { recursive: true, force: true }));

  test('prints the migrated Job table as a text table', async () => {
    const run = await runCruz([
      'db', 'query', "SELECT name FROM sqlite_master WHERE type='table' AND name='Job'", '--persist-to', stateDir,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'name\n----\nJob\n(1 row)\n');
  });

  test('bad SQL exits 1 with the database message', async () => {
    const run = await runCruz(['db', 'query', 'SELECT * FROM no_such_thing', '--persist-to', stateDir]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^cruz db query: no such table: no_such_thing/);
    assert.equal(run.stdout, '');
  });

  test('--json prints the rows as parseable JSON', async () => {
    const run = await runCruz([
      'db', 'query', '--json', "SELECT name, NULL AS empty FROM sqlite_master WHERE name='Job'", `--persist-to=${stateDir}`,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [{ name: 'Job', empty: null }]);
  });

  test('writes report rows changed; env CRUZ_STATE_DIR picks the same database', async () => {
    // A table of the test's own, so changes to the app's schema cannot break this test.
    const write = await runCruz([
      'db', 'query',
      `CREATE TABLE cli_test (id TEXT PRIMARY KEY, type TEXT NOT NULL, summary TEXT, lastError TEXT);
       INSERT INTO cli_test VALUES
         ('job-1', 'todos/welcome-email', '{"recipient":"jane@example.com"}', NULL),
         ('job-22', 'x', NULL, 'boom');`,
      '--persist-to', stateDir,
    ]);
    assert.equal(write.code, 0, write.stderr);
    assert.equal(write.stdout, 'OK (2 rows changed)\n');

    const select = await runCruz(['db', 'query', 'SELECT * FROM cli_test ORDER BY id'], {
      env: { CRUZ_STATE_DIR: stateDir },
    });
    assert.equal(select.code, 0, select.stderr);
    assert.equal(
      select.stdout,
      [
        'id     | type                | summary                          | lastError',
        '-------|---------------------|----------------------------------|----------',
        'job-1  | todos/welcome-email | {"recipient":"jane@example.com"} | NULL',
        'job-22 | x                   | NULL                             | boom',
        '(2 rows)',
        '',
      ].join('\n'),
    );
  });
});
