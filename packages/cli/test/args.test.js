import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseArgs } from '../src/args.js';
import { UsageError } from '../src/cli-error.js';
import { runCruz } from '../test-support/run-cruz.js';

/** @type {Record<string, import('../src/args.js').OptionSpec>} */
const options = {
  port: { type: 'port', value: 'N', description: 'port' },
  'persist-to': { type: 'string', value: 'DIR', description: 'dir' },
  json: { type: 'boolean', description: 'json' },
  every: { type: 'seconds', value: 'SECONDS', description: 'interval' },
};

describe('parseArgs', () => {
  test('reads "--port 3000" and "--port=3000" as the number 3000', () => {
    assert.deepEqual(parseArgs(['--port', '3000'], options).values, { port: 3000 });
    assert.deepEqual(parseArgs(['--port=3000'], options).values, { port: 3000 });
  });

  test('accepts ports 1 and 65535 only within range and only as whole numbers', () => {
    assert.equal(parseArgs(['--port=1'], options).values.port, 1);
    assert.equal(parseArgs(['--port=65535'], options).values.port, 65535);
    for (const bad of ['0', '65536', '3.5', 'abc', '1e3', '-1', ' 80']) {
      assert.throws(() => parseArgs([`--port=${bad}`], options), UsageError, `port ${JSON.stringify(bad)}`);
    }
  });

  test('reads seconds as whole numbers from 0 to 3600', () => {
    assert.equal(parseArgs(['--every', '0'], options).values.every, 0);
    assert.equal(parseArgs(['--every=3600'], options).values.every, 3600);
    for (const bad of ['-1', '3601', '2.5', '5s', '1e2', '']) {
      assert.throws(() => parseArgs([`--every=${bad}`], options), UsageError, `seconds ${JSON.stringify(bad)}`);
    }
  });

  test('keeps positionals, booleans and strings apart', () => {
    assert.deepEqual(parseArgs(['SELECT 1', '--json', '--persist-to', 'state'], options), {
      help: false,
      values: { json: true, 'persist-to': 'state' },
      positionals: ['SELECT 1'],
    });
  });

  test('rejects unknown options, missing values and values on flags', () => {
    assert.throws(() => parseArgs(['--nope'], options), { name: 'UsageError', message: 'unknown option --nope' });
    assert.throws(() => parseArgs(['-x'], options), { message: 'unknown option -x' });
    assert.throws(() => parseArgs(['--port'], options), { message: '--port needs a value' });
    assert.throws(() => parseArgs(['--persist-to', '--json'], options), { message: '--persist-to needs a value' });
    assert.throws(() => parseArgs(['--persist-to='], options), { message: '--persist-to needs a value' });
    assert.throws(() => parseArgs(['--json=yes'], options), { message: '--json takes no value' });
  });

  test('"--" ends the options; an argument with whitespace before any "=" is never an option', () => {
    assert.deepEqual(parseArgs(['--', '--json'], options).positionals, ['--json']);
    assert.deepEqual(parseArgs(['-- note\nSELECT 1 = 1'], options).positionals, ['-- note\nSELECT 1 = 1']);
    assert.deepEqual(parseArgs(['--persist-to=my state'], options).values, { 'persist-to': 'my state' });
  });

  test('--help or -h wins over other errors, but not after "--"', () => {
    assert.equal(parseArgs(['--nope', '--help'], options).help, true);
    assert.equal(parseArgs(['-h'], options).help, true);
    assert.equal(parseArgs(['--', '--help'], options).help, false);
  });
});

describe('bad command lines exit 2 with a message and a hint', () => {
  const cases = [
    { args: ['dev', '--port', '70000'], message: 'cruz dev: --port must be from 1 to 65535, got 70000', hint: 'cruz dev --help' },
    { args: ['dev', '--port=abc'], message: 'cruz dev: --port must be a whole number', hint: 'cruz dev --help' },
    { args: ['dev', '--port'], message: 'cruz dev: --port needs a value', hint: 'cruz dev --help' },
    { args: ['dev', '--verbose'], message: 'cruz dev: unknown option --verbose', hint: 'cruz dev --help' },
    { args: ['dev', '--sweep-every', '-1'], message: 'cruz dev: --sweep-every must be a whole number of seconds from 0 to 3600, got "-1"', hint: 'cruz dev --help' },
    { args: ['dev', '--sweep-every=fast'], message: 'cruz dev: --sweep-every must be a whole number of seconds from 0 to 3600, got "fast"', hint: 'cruz dev --help' },
    { args: ['dev', '--sweep-every=7200'], message: 'cruz dev: --sweep-every must be from 0 to 3600, got 7200', hint: 'cruz dev --help' },
    { args: ['deploy', '--dry-run=yes'], message: 'cruz deploy: --dry-run takes no value', hint: 'cruz deploy --help' },
    { args: ['deploy', '--force'], message: 'cruz deploy: unknown option --force', hint: 'cruz deploy --help' },
    { args: ['deploy-everything'], message: 'cruz: unknown command "deploy-everything"', hint: 'cruz --help' },
    { args: ['--nope'], message: 'cruz: unknown option --nope', hint: 'cruz --help' },
    { args: ['db', 'drop'], message: 'cruz db: unknown command "drop"', hint: 'cruz db --help' },
    { args: ['db', 'query'], message: 'cruz db query: missing SQL', hint: 'cruz db query --help' },
    { args: ['db', 'query', '--json'], message: 'cruz db query: missing SQL', hint: 'cruz db query --help' },
    { args: ['db', 'query', 'SELECT', '1'], message: 'cruz db query: expected the SQL as one argument', hint: 'cruz db query --help' },
    { args: ['db', 'query', '--json=1', 'SELECT 1'], message: 'cruz db query: --json takes no value', hint: 'cruz db query --help' },
    { args: ['db', 'migrate', '--remote', '--persist-to', 'x'], message: 'cruz db migrate: --persist-to is for the local database', hint: 'cruz db migrate --help' },
    { args: ['db', 'generate', '--name'], message: 'cruz db generate: --name needs a value', hint: 'cruz db generate --help' },
  ];
  for (const { args, message, hint } of cases) {
    test(`cruz ${args.join(' ')}`, async () => {
      const run = await runCruz(args);
      assert.equal(run.code, 2, run.stderr);
      assert.ok(run.stderr.startsWith(message), `stderr was: ${run.stderr}`);
      assert.ok(run.stderr.includes(`Run "${hint}" for usage.`), `stderr was: ${run.stderr}`);
      assert.equal(run.stdout, '');
    });
  }

  test('cruz with no command shows the overview on stderr', async () => {
    const run = await runCruz([]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Usage: cruz <command>/);
  });
});

describe('outside an app', () => {
  const dirs = [];
  after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  test('a command that needs the app says there is no wrangler.toml and exits 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cruz-no-app-'));
    dirs.push(dir);
    const run = await runCruz(['db', 'query', 'SELECT 1'], { cwd: dir });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^cruz: no wrangler\.toml in .*cruz-no-app-/);
  });
});
