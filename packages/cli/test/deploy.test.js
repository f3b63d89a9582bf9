// cruz deploy against fake wrangler and react-router executables (test-support/fake-tools.js),
// in a temporary app root holding a copy of the repository's wrangler.toml. The fakes record
// every call, so the tests see exactly which commands ran and in what order.
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { readDeployConfig } from '../src/deploy/wrangler-config.js';
import { installFakeTools, tempDir } from '../test-support/fake-tools.js';
import { APP_ROOT, runCruz } from '../test-support/run-cruz.js';

const REAL_ID = '3f6c2a9e-1b7d-4e58-9c0a-52d1e8f7b6a4';
const repoToml = await readFile(path.join(APP_ROOT, 'wrangler.toml'), 'utf8');
/** The repository's wrangler.toml ready for production: a real-looking database_id, a real email provider. */
const withConsumer = repoToml
  .replace(/database_id = "[^"]*"/, `database_id = "${REAL_ID}"`)
  .replace(/EMAIL_PROVIDER = "console"/, 'EMAIL_PROVIDER = "resend"');
/** The same without its [[queues.consumers]] section. */
const withoutConsumer = withConsumer.replace(/\n(#[^\n]*\n)*\[\[queues\.consumers\]\]\n([a-z_]+ = [^\n]*\n)+/, '\n');

assert.ok(withConsumer.includes(REAL_ID), 'the repository wrangler.toml has a database_id line');
assert.ok(withConsumer.includes('EMAIL_PROVIDER = "resend"'), 'the repository wrangler.toml has an EMAIL_PROVIDER line');
assert.ok(readDeployConfig(withConsumer).hasJobsConsumer, 'the repository wrangler.toml has the consumer section');
assert.ok(!readDeployConfig(withoutConsumer).hasJobsConsumer, 'the consumer section was cut out');

const dirs = /** @type {string[]} */ ([]);
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * A temporary app root with `toml` as its wrangler.toml, and fake tools with the given account state.
 *
 * @param {string} toml
 * @param {{ queues?: string[], migrated?: boolean }} [account]
 */
async function setup(toml, account) {
  const root = await tempDir('cruz-deploy-app-');
  const tools = await tempDir('cruz-deploy-tools-');
  dirs.push(root, tools);
  await writeFile(path.join(root, 'wrangler.toml'), toml);
  const fakes = await installFakeTools(tools, account);
  return {
    root,
    fakes,
    toml: () => readFile(path.join(root, 'wrangler.toml'), 'utf8'),
    /** @param {string[]} [args] @param {Record<string, string>} [env] */
    deploy: (args = [], env = {}) => runCruz(['deploy', ...args], { cwd: root, env: fakes.env(env) }),
    /** The recorded calls as "tool args..." strings. */
    commands: async () => (await fakes.calls()).map((call) => [call.tool, ...call.args].join(' ')),
  };
}

/** @param {string} root */
const deployCall = (root) => `wrangler deploy --config ${path.join(root, 'build/server/wrangler.json')}`;

// Every test has its own app root, fake tools and fake account, so they may run side by side.
describe('cruz deploy with fake wrangler', { concurrency: 4 }, () => {
  test('first deploy: creates both queues, applies migrations, deploys; wrangler.toml untouched', async () => {
    const app = await setup(withConsumer);
    const run = await app.deploy();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(await app.commands(), [
      'react-router build',
      'wrangler queues list',
      'wrangler queues create my-todos-jobs',
      'wrangler queues create my-todos-jobs-dlq',
      'wrangler d1 migrations apply DB --remote',
      deployCall(app.root),
    ]);
    assert.equal(
      run.stdout,
      [
        '✔ wrangler.toml consumer section present (my-todos-jobs)',
        '✔ build (build/server/wrangler.json)',
        '+ created queue my-todos-jobs',
        '+ created queue my-todos-jobs-dlq',
        '✔ migrations applied (remote): 0000_init.sql, 0001_more.sql',
        '✔ deployed',
        '  Total Upload: 1277.60 KiB / gzip: 245.72 KiB',
        '  Your Worker has access to the following bindings:',
        '  env.JOBS (my-todos-jobs)    Queue',
        '  env.DB (my-todos)    D1 Database',
        '  Uploaded my-todos (3.10 sec)',
        '  Deployed my-todos triggers (1.20 sec)',
        '    https://my-todos.example.workers.dev',
        '    schedule: * * * * *',
        '    Consumer for my-todos-jobs',
        '',
      ].join('\n'),
    );
    assert.equal(run.stderr, '');
    assert.equal(await app.toml(), withConsumer, 'a present consumer section leaves the file byte for byte');
    assert.deepEqual(await app.fakes.state(), { queues: ['my-todos-jobs', 'my-todos-jobs-dlq'], migrated: true });
    // A real deploy keeps the user's telemetry setting.
    assert.ok((await app.fakes.calls()).every((call) => call.metrics === null));
  });

  test('warns that a deployed app with the console email provider only prints emails', async () => {
    const app = await setup(withConsumer.replace('EMAIL_PROVIDER = "resend"', 'EMAIL_PROVIDER = "console"'));
    const run = await app.deploy();
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^! wrangler.toml: EMAIL_PROVIDER is "console": the deployed app prints emails instead of sending them/m);
  });

  test('second deploy: creates nothing, no migrations pending, deploys again', async () => {
    const app = await setup(withConsumer);
    assert.equal((await app.deploy()).code, 0);
    const before = (await app.commands()).length;

    const run = await app.deploy();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual((await app.commands()).slice(before), [
      'react-router build',
      'wrangler queues list',
      'wrangler d1 migrations apply DB --remote',
      deployCall(app.root),
    ]);
    assert.match(run.stdout, /^✔ queue my-todos-jobs exists\n✔ queue my-todos-jobs-dlq exists\n✔ migrations: none to apply \(remote\)\n✔ deployed\n/m);
    assert.ok(!run.stdout.includes('+ '), run.stdout);
  });

  test('a queue whose name only contains the wanted one does not count as it', async () => {
    const app = await setup(withConsumer, { queues: ['my-todos-jobs-dlq', 'old-my-todos-jobs'], migrated: true });
    const run = await app.deploy();
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((await app.commands()).filter((c) => c.includes('queues create')), ['wrangler queues create my-todos-jobs']);
    assert.match(run.stdout, /\+ created queue my-todos-jobs\n✔ queue my-todos-jobs-dlq exists\n/);
  });

  test('without a consumer section: appends one before the build, then leaves it alone', async () => {
    const app = await setup(withoutConsumer);
    const run = await app.deploy();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^\+ added consumer section to wrangler\.toml \(my-todos-jobs, dead_letter_queue = "my-todos-jobs-dlq"\)\n/);

    const patched = await app.toml();
    assert.ok(patched.startsWith(withoutConsumer), 'everything before the new section is kept');
    assert.equal(
      patched.slice(withoutConsumer.length),
      [
        '',
        '# Added by `cruz deploy`: the worker consumes its own jobs queue. Job retries follow the Job',
        "# table's schedule; max_retries only bounds redeliveries of one message, then it goes to the DLQ.",
        '[[queues.consumers]]',
        'queue = "my-todos-jobs"',
        'max_batch_size = 10',
        'max_batch_timeout = 1',
        'max_retries = 10',
        'dead_letter_queue = "my-todos-jobs-dlq"',
        '',
      ].join('\n'),
    );
    const [build] = await app.fakes.calls();
    assert.equal(build.tool, 'react-router');
    assert.equal(build.wranglerToml, patched, 'the build saw the patched file');
    assert.deepEqual((await app.fakes.state()).queues, ['my-todos-jobs', 'my-todos-jobs-dlq']);

    const again = await app.deploy();
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^✔ wrangler\.toml consumer section present \(my-todos-jobs\)\n/);
    assert.equal(await app.toml(), patched, 'the second deploy does not touch the file');
  });

  const failures = [
    { fail: 'react-router build', step: 'build', lastCall: 'react-router build' },
    { fail: 'wrangler queues list', step: 'queues list', lastCall: 'wrangler queues list' },
    { fail: 'wrangler queues create my-todos-jobs-dlq', step: 'create queue my-todos-jobs-dlq', lastCall: 'wrangler queues create my-todos-jobs-dlq' },
    { fail: 'wrangler d1 migrations apply', step: 'migrations (remote)', lastCall: 'wrangler d1 migrations apply DB --remote' },
    { fail: 'wrangler deploy', step: 'deploy', lastCall: 'wrangler deploy --config' },
  ];
  for (const { fail, step, lastCall } of failures) {
    test(`a failing "${fail}" stops the rest and exits 1 with the tool's message`, async () => {
      const app = await setup(withConsumer);
      const message = `Authentication error [code: 10000] (${fail})`;
      const run = await app.deploy([], { FAKE_TOOLS_FAIL: fail, FAKE_TOOLS_FAIL_MESSAGE: message });
      assert.equal(run.code, 1, run.stdout + run.stderr);

      const commands = await app.commands();
      assert.ok(commands[commands.length - 1].startsWith(lastCall), `last call was ${commands[commands.length - 1]}`);
      assert.equal(commands.filter((c) => c.startsWith(lastCall)).length, 1);
      if (step !== 'deploy') assert.ok(!commands.some((c) => c.startsWith('wrangler deploy')), commands.join('\n'));

      // For wrangler: its message alone, without the warning before it and the log-file line after.
      const expected = step === 'build' ? `✘ build: ▲ [WARNING] a warning that is not the reason\n\n✘ [ERROR] ${message}` : `✘ ${step}: ${message}`;
      assert.ok(run.stderr.startsWith(expected), `stderr was:\n${run.stderr}`);
      assert.ok(!/✔ deployed/.test(run.stdout), run.stdout);
    });
  }

  test('a placeholder database_id stops before anything runs', async () => {
    const app = await setup(repoToml.replace(/database_id = "[^"]*"/, 'database_id = "00000000-0000-0000-0000-000000000000"'));
    const run = await app.deploy();
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^✘ wrangler\.toml: the DB database has no real database_id yet: create the database with "wrangler d1 create my-todos"/);
    assert.deepEqual(await app.commands(), []);
  });

  test('a wrangler.toml cruz cannot read stops with the line number', async () => {
    const app = await setup(`${withConsumer}\n[broken\n`);
    const run = await app.deploy();
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^✘ wrangler\.toml: cannot read wrangler\.toml, line \d+: expected "\]" to close the table header/);
    assert.deepEqual(await app.commands(), []);
  });

  test('--dry-run: builds and runs wrangler deploy --dry-run only, writes nothing, sends no telemetry', async () => {
    const app = await setup(withoutConsumer.replace(REAL_ID, '00000000-0000-0000-0000-000000000000'));
    const before = await app.toml();
    const run = await app.deploy(['--dry-run']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(await app.commands(), ['react-router build', `${deployCall(app.root)} --dry-run`]);
    assert.ok((await app.fakes.calls()).every((call) => call.metrics === 'false'));
    assert.equal(await app.toml(), before);
    assert.deepEqual(await app.fakes.state(), { queues: [], migrated: false });
    assert.match(run.stdout, /- queues and remote migrations: skipped \(--dry-run\)\n✔ dry run: bundle built and checked, nothing deployed\n/);
    assert.match(run.stdout, /Total Upload: 1277\.60 KiB/);
    assert.match(run.stderr, /no consumer section for my-todos-jobs; cruz deploy will add one \(--dry-run: not written\)/);
    assert.match(run.stderr, /no real database_id yet; before cruz deploy, create the database/);
  });

  test('warns when the build copied .dev.vars next to the deploy config', async () => {
    const app = await setup(withConsumer, { queues: ['my-todos-jobs', 'my-todos-jobs-dlq'], migrated: true });
    await writeFile(path.join(app.root, '.dev.vars'), 'EMAIL_API_KEY=dev-key\n');
    const run = await app.deploy(['--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^! the build copied \.dev\.vars to build\/server\/\.dev\.vars .*wrangler secret put/m);
  });

  test('unexpected arguments are usage errors', async () => {
    const app = await setup(withConsumer);
    const run = await app.deploy(['production']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^cruz deploy: unexpected argument "production"/);
    assert.deepEqual(await app.commands(), []);
  });
});
