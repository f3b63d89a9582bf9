// Reading what the tools print and write during cruz deploy.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { appliedMigrations, builtDeployConfig } from '../src/deploy/deploy-steps.js';
import { queueNamesIn } from '../src/deploy/queue-list.js';
import { wranglerFailureMessage } from '../src/wrangler-output.js';

// The shape of wrangler 4.86's `queues list` (logger.table via cli-table3), with colour codes.
const queuesTable = `
 ⛅️ wrangler 4.86.0
───────────────────
┌──────────────────────────────────┬───────────────────┬──────────────────────────┬──────────────────────────┬───────────┬───────────┐
│ \x1b[34mid\x1b[39m                               │ \x1b[34mname\x1b[39m              │ created_on               │ modified_on              │ producers │ consumers │
├──────────────────────────────────┼───────────────────┼──────────────────────────┼──────────────────────────┼───────────┼───────────┤
│ 5e1b9a4c0d2f4b7e8a6c3d1f0e9b8a7c │ my-todos-jobs-dlq │ 2026-04-20T10:00:00.000Z │ 2026-04-20T10:00:00.000Z │ 0         │ 0         │
├──────────────────────────────────┼───────────────────┼──────────────────────────┼──────────────────────────┼───────────┼───────────┤
│ 9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f │ other             │ 2026-04-20T10:00:00.000Z │ 2026-04-20T10:00:00.000Z │ 1         │ 1         │
└──────────────────────────────────┴───────────────────┴──────────────────────────┴──────────────────────────┴───────────┴───────────┘
`;

test('queue names are whole table cells: a name inside a longer one does not count', () => {
  const names = queueNamesIn(queuesTable);
  assert.ok(names.has('my-todos-jobs-dlq'));
  assert.ok(names.has('other'));
  assert.ok(!names.has('my-todos-jobs'));
  assert.ok(!names.has('my-todos'));
});

test('an empty account lists no queues', () => {
  const names = queueNamesIn('┌────┬──────┐\n│ id │ name │\n└────┴──────┘\n');
  assert.ok(!names.has('my-todos-jobs'));
});

test('migrations: "none" when wrangler says so, else the .sql files it names, once each', () => {
  assert.equal(appliedMigrations('\n ⛅️ wrangler 4.86.0\n✅ No migrations to apply!\n'), 'none');
  const output = [
    'Migrations to be applied:',
    '┌──────────────────────────────────────┐',
    '│ name                                 │',
    '├──────────────────────────────────────┤',
    '│ 0000_init.sql                        │',
    '│ 0001_orgs_invitations_activity.sql   │',
    '└──────────────────────────────────────┘',
    '│ 0000_init.sql │ ✅ │',
  ].join('\n');
  assert.deepEqual(appliedMigrations(output), ['0000_init.sql', '0001_orgs_invitations_activity.sql']);
  assert.deepEqual(appliedMigrations('something else'), []);
});

test("wrangler's failure message: from its [ERROR] on, without colours, warnings before it or the log-file line", () => {
  const stderr =
    '\x1b[33m▲ \x1b[43;33m[\x1b[43;30mWARNING\x1b[43;33m]\x1b[0m \x1b[1mUnrelated warning\x1b[0m\n\n' +
    '\x1b[31m✘ \x1b[41;31m[\x1b[41;97mERROR\x1b[41;31m]\x1b[0m \x1b[1mA request to the Cloudflare API (/accounts/1/queues) failed.\x1b[0m\n\n' +
    '  Authentication error [code: 10000]\n\n' +
    '🪵  Logs were written to "/root/.config/.wrangler/logs/wrangler.log"\n';
  assert.equal(
    wranglerFailureMessage({ code: 1, stdout: '\n ⛅️ wrangler 4.86.0\n', stderr }),
    'A request to the Cloudflare API (/accounts/1/queues) failed.\n\n  Authentication error [code: 10000]',
  );
});

test('without an [ERROR] tag: stderr, else the end of stdout, else the exit code', () => {
  assert.equal(wranglerFailureMessage({ code: 1, stdout: 'x', stderr: 'plain trouble\n' }), 'plain trouble');
  const long = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
  assert.equal(wranglerFailureMessage({ code: 1, stdout: long, stderr: '' }).split('\n').length, 21);
  assert.equal(wranglerFailureMessage({ code: 9, stdout: '', stderr: '' }, 'wrangler deploy'), 'wrangler deploy exited with code 9');
});

const dirs = /** @type {string[]} */ ([]);
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

test('the built deploy config is found through .wrangler/deploy/config.json, and only if it exists', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'cruz-built-config-'));
  dirs.push(root);
  assert.equal(builtDeployConfig(root), undefined);

  await mkdir(path.join(root, '.wrangler/deploy'), { recursive: true });
  await writeFile(path.join(root, '.wrangler/deploy/config.json'), JSON.stringify({ configPath: '../../out/server/wrangler.json' }));
  assert.equal(builtDeployConfig(root), undefined, 'the named file does not exist yet');

  await mkdir(path.join(root, 'out/server'), { recursive: true });
  await writeFile(path.join(root, 'out/server/wrangler.json'), '{}');
  assert.equal(builtDeployConfig(root), path.join(root, 'out/server/wrangler.json'));

  await writeFile(path.join(root, '.wrangler/deploy/config.json'), 'not json');
  assert.equal(builtDeployConfig(root), undefined);
});
