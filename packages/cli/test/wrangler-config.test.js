import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { readDeployConfig, withConsumerSection, WranglerConfigError } from '../src/deploy/wrangler-config.js';
import { parseToml } from '../src/toml.js';
import { APP_ROOT } from '../test-support/run-cruz.js';

const base = `name = "app"
[[d1_databases]]
binding = "DB"
database_name = "app-db"
database_id = "abc"
[[queues.producers]]
binding = "JOBS"
queue = "app-jobs"
`;

test("the repository's wrangler.toml: the jobs queue has its consumer; both queues must exist", async () => {
  const config = readDeployConfig(await readFile(path.join(APP_ROOT, 'wrangler.toml'), 'utf8'));
  assert.equal(config.jobsQueue, 'my-todos-jobs');
  assert.equal(config.hasJobsConsumer, true);
  assert.equal(config.deadLetterQueue, 'my-todos-jobs-dlq');
  assert.deepEqual(config.queues, ['my-todos-jobs', 'my-todos-jobs-dlq']);
  assert.equal(config.database?.databaseName, 'my-todos');
});

test('without a consumer, the dead-letter queue cruz would add is among the queues to create', () => {
  const config = readDeployConfig(base);
  assert.deepEqual(
    { jobsQueue: config.jobsQueue, hasJobsConsumer: config.hasJobsConsumer, deadLetterQueue: config.deadLetterQueue, queues: config.queues },
    { jobsQueue: 'app-jobs', hasJobsConsumer: false, deadLetterQueue: 'app-jobs-dlq', queues: ['app-jobs', 'app-jobs-dlq'] },
  );
  assert.deepEqual(config.database, { databaseName: 'app-db', databaseId: 'abc' });
});

test("a consumer's own dead-letter queue is used; other producers' and consumers' queues are listed once", () => {
  const config = readDeployConfig(`${base}
[[queues.producers]]
binding = "MAIL"
queue = "mail"
[[queues.consumers]]
queue = "app-jobs"
dead_letter_queue = "graveyard"
[[queues.consumers]]
queue = "mail"
dead_letter_queue = "graveyard"
`);
  assert.equal(config.deadLetterQueue, 'graveyard');
  assert.deepEqual(config.queues, ['app-jobs', 'mail', 'graveyard']);
});

test('a consumer without a dead-letter queue is still a consumer', () => {
  const config = readDeployConfig(`${base}[[queues.consumers]]\nqueue = "app-jobs"\n`);
  assert.equal(config.hasJobsConsumer, true);
  assert.equal(config.deadLetterQueue, undefined);
  assert.deepEqual(config.queues, ['app-jobs']);
});

test('no JOBS producer: nothing to consume, no queues; no DB binding: no database', () => {
  const config = readDeployConfig('name = "x"\n[[d1_databases]]\nbinding = "OTHER"\n');
  assert.equal(config.jobsQueue, undefined);
  assert.deepEqual(config.queues, []);
  assert.equal(config.database, undefined);
});

test('shapes cruz cannot use are WranglerConfigErrors with the reason', () => {
  const cases = [
    ['[queues]\nproducers = "x"', /\[\[queues\.producers\]\] must be a list of tables/],
    ['[[queues.producers]]\nbinding = "JOBS"', /every \[\[queues\.producers\]\] needs queue = "\.\.\."/],
    ['[[queues.consumers]]\nqueue = "a"\ndead_letter_queue = 1', /dead_letter_queue in \[\[queues\.consumers\]\] must be a string/],
    ['name = ', /cannot read wrangler\.toml, line 1: missing value/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => readDeployConfig(/** @type {string} */ (text)), (error) => error instanceof WranglerConfigError && /** @type {RegExp} */ (message).test(error.message), String(text));
  }
});

test('the appended consumer section reads back with the explicit settings, after one blank line', () => {
  const patched = withConsumerSection(base, 'app-jobs', 'app-jobs-dlq');
  assert.ok(patched.startsWith(`${base}\n# Added by \`cruz deploy\``), patched);
  assert.deepEqual(/** @type {any} */ (parseToml(patched)).queues.consumers, [
    { queue: 'app-jobs', max_batch_size: 10, max_batch_timeout: 1, max_retries: 10, dead_letter_queue: 'app-jobs-dlq' },
  ]);
  assert.equal(readDeployConfig(patched).hasJobsConsumer, true);
});

test('the separator before the section depends on how the file ends', () => {
  const section = withConsumerSection('', 'q', 'q-dlq');
  assert.ok(section.startsWith('# Added by'));
  assert.equal(withConsumerSection('a = 1', 'q', 'q-dlq'), `a = 1\n\n${section}`);
  assert.equal(withConsumerSection('a = 1\n', 'q', 'q-dlq'), `a = 1\n\n${section}`);
  assert.equal(withConsumerSection('a = 1\n\n', 'q', 'q-dlq'), `a = 1\n\n${section}`);
});

test('queue names with characters TOML strings must escape are written escaped', () => {
  const patched = withConsumerSection(base, 'app-jobs', 'a"b');
  assert.equal(/** @type {any} */ (parseToml(patched)).queues.consumers[0].dead_letter_queue, 'a"b');
});
