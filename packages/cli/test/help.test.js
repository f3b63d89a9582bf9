import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { runCruz } from '../test-support/run-cruz.js';

// Written out here rather than read from the command modules, so a dropped option fails a test.
const devOptions = ['--port N', '--host H', '--persist-to DIR', '--sweep-every SECONDS'];
const deployOptions = ['--dry-run'];
const queryOptions = ['--json', '--persist-to DIR'];
const migrateOptions = ['--remote', '--persist-to DIR'];
const generateOptions = ['--name NAME'];

const cases = [
  { args: ['--help'], mentions: ['cruz dev', 'cruz deploy', 'cruz db query', 'cruz db migrate', 'cruz db generate', '--version', ...devOptions, ...deployOptions, ...queryOptions, ...migrateOptions, ...generateOptions] },
  { args: ['-h'], mentions: ['cruz dev', 'cruz db query'] },
  { args: ['help'], mentions: ['cruz dev', 'cruz deploy', ...devOptions, ...deployOptions, ...queryOptions, ...migrateOptions, ...generateOptions] },
  { args: ['dev', '--help'], mentions: ['Usage: cruz dev', ...devOptions, 'CRUZ_STATE_DIR', '5173', 'default 5; 0 turns', '/cdn-cgi/handler/scheduled', '--help'] },
  { args: ['deploy', '--help'], mentions: ['Usage: cruz deploy [--dry-run]', ...deployOptions, 'wrangler queues create', 'wrangler d1 migrations apply DB --remote', 'wrangler login', 'database_id', 'PATH', '--help'] },
  { args: ['help', 'deploy'], mentions: ['Usage: cruz deploy', ...deployOptions] },
  { args: ['db', '--help'], mentions: ['cruz db query', 'cruz db migrate', 'cruz db generate', ...queryOptions, ...migrateOptions, ...generateOptions] },
  { args: ['db', 'query', '--help'], mentions: ['Usage: cruz db query "SQL"', ...queryOptions, 'CRUZ_STATE_DIR', '--help'] },
  { args: ['db', 'query', 'SELECT 1', '--help'], mentions: ['Usage: cruz db query'] },
  { args: ['db', 'migrate', '--help'], mentions: ['Usage: cruz db migrate', ...migrateOptions, '--help'] },
  { args: ['db', 'generate', '-h'], mentions: ['Usage: cruz db generate', ...generateOptions, '--help'] },
  { args: ['help', 'db', 'query'], mentions: ['Usage: cruz db query', ...queryOptions] },
  { args: ['help', 'db'], mentions: ['cruz db query', 'cruz db generate'] },
];

for (const { args, mentions } of cases) {
  test(`cruz ${args.join(' ')} describes its options`, async () => {
    const run = await runCruz(args);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    for (const text of mentions) assert.ok(run.stdout.includes(text), `missing ${JSON.stringify(text)} in:\n${run.stdout}`);
  });
}

test('cruz dev --help does not list other commands\' options', async () => {
  const run = await runCruz(['dev', '--help']);
  assert.ok(!run.stdout.includes('--json'), run.stdout);
});

test('cruz help for an unknown command exits 2', async () => {
  const run = await runCruz(['help', 'deploy-everything']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown command "deploy-everything"/);
});

test('cruz --version prints the package version', async () => {
  const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  for (const flag of ['--version', '-v']) {
    const run = await runCruz([flag]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${version}\n`);
  }
});
