import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitChangesProbe, withChangesProbe } from '../src/changes-probe.js';
import { parseExecuteOutput } from '../src/wrangler-output.js';

// Shapes copied from wrangler 4.86's `d1 execute DB --local --json` output.
const success = `[
  {
    "results": [
      {
        "name": "Job"
      }
    ],
    "success": true,
    "meta": {
      "duration": 6
    }
  }
]`;
const sqlError = `
{
  "error": {
    "text": "no such table: nope: SQLITE_ERROR"
  }
}`;
const configError =
  '\x1b[31m✘ \x1b[41;31m[\x1b[41;97mERROR\x1b[41;31m]\x1b[0m \x1b[1mInvalid TOML document: no value specified\x1b[0m\n\n' +
  '    /app/wrangler.toml:2:7:\n\n' +
  '  If you think this is a bug, please open an issue at: https://github.com/cloudflare/workers-sdk/issues/new/choose\n\n' +
  '🪵  Logs were written to "/root/.config/.wrangler/logs/wrangler.log"\n';

test('a successful run gives one result per statement', () => {
  assert.deepEqual(parseExecuteOutput({ code: 0, stdout: success, stderr: '' }), {
    ok: true,
    statements: [{ results: [{ name: 'Job' }], success: true, meta: { duration: 6 } }],
  });
});

test('log lines before the JSON are skipped', () => {
  const outcome = parseExecuteOutput({ code: 0, stdout: `🌀 Executing on local database\n${success}`, stderr: '' });
  assert.equal(outcome.ok, true);
});

test('a SQL error gives the database message', () => {
  assert.deepEqual(parseExecuteOutput({ code: 1, stdout: sqlError, stderr: '' }), {
    ok: false,
    message: 'no such table: nope: SQLITE_ERROR',
  });
});

// Not seen locally; wrangler's JSON error format allows notes (e.g. for API failures).
test('notes of a JSON error follow its text', () => {
  const stdout = JSON.stringify({ error: { text: 'A request to the Cloudflare API failed.', notes: [{ text: 'Authentication error' }] } });
  assert.deepEqual(parseExecuteOutput({ code: 1, stdout, stderr: '' }), {
    ok: false,
    message: 'A request to the Cloudflare API failed.\nAuthentication error',
  });
});

test('a plain-text error loses its colours, tag and boilerplate', () => {
  assert.deepEqual(parseExecuteOutput({ code: 1, stdout: '\n', stderr: configError }), {
    ok: false,
    message: 'Invalid TOML document: no value specified\n\n    /app/wrangler.toml:2:7:',
  });
});

test('a failure without any output still says how wrangler ended', () => {
  assert.deepEqual(parseExecuteOutput({ code: 137, stdout: '', stderr: '' }), {
    ok: false,
    message: 'wrangler d1 execute exited with code 137',
  });
});

test('exit code 0 with output that is not results is an error, not an empty table', () => {
  const outcome = parseExecuteOutput({ code: 0, stdout: 'hello', stderr: '' });
  assert.equal(outcome.ok, false);
});

test('the changes probe wraps the SQL and is removed again', () => {
  const sql = withChangesProbe('UPDATE t SET x = 1 -- all of them');
  assert.match(sql, /^SELECT total_changes\(\) AS cruz_total_changes;\nUPDATE t SET x = 1 -- all of them\n;\nSELECT total_changes\(\)/);

  const probe = (n) => ({ results: [{ cruz_total_changes: n }], success: true });
  const user = { results: [], success: true };
  assert.deepEqual(splitChangesProbe([probe(2), user, probe(5)]), { statements: [user], changes: 3 });
});

test('without both probes the statements are kept whole and changes are unknown', () => {
  const rows = { results: [{ cruz_total_changes: 1 }], success: true };
  const other = { results: [{ a: 1 }], success: true };
  assert.deepEqual(splitChangesProbe([rows, other]), { statements: [rows, other], changes: undefined });
  assert.deepEqual(splitChangesProbe([]), { statements: [], changes: undefined });
});
