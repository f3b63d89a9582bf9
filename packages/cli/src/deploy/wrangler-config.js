// @ts-check
import { isTable, parseToml, TomlError } from '../toml.js';

/** The binding createCruzApp sends job messages to, and the one it reads the database from. */
export const JOBS_BINDING = 'JOBS';
export const DB_BINDING = 'DB';
/** The id in a fresh wrangler.toml, before `wrangler d1 create` gave the real one. */
export const PLACEHOLDER_DATABASE_ID = '00000000-0000-0000-0000-000000000000';

/** Written into a consumer section cruz adds; see wrangler.toml's own comment for why. */
export const CONSUMER_DEFAULTS = { max_batch_size: 10, max_batch_timeout: 1, max_retries: 10 };

/** An error in the user's wrangler.toml: cruz deploy reports it as the failed step. */
export class WranglerConfigError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'WranglerConfigError';
  }
}

/**
 * @typedef {object} DeployConfig
 * @property {string | undefined} jobsQueue the queue bound as JOBS, if any
 * @property {string | undefined} emailProvider [vars] EMAIL_PROVIDER, if set
 * @property {boolean} hasJobsConsumer wrangler.toml has a [[queues.consumers]] for jobsQueue
 * @property {string | undefined} deadLetterQueue that consumer's dead_letter_queue; without a
 *   consumer, the one cruz would add ("<jobsQueue>-dlq")
 * @property {string[]} queues every queue the worker names (producers, consumers, dead-letter
 *   queues, and the one cruz would add), in file order: all must exist before `wrangler deploy`
 * @property {{ databaseName: string | undefined, databaseId: string | undefined } | undefined} database
 *   the [[d1_databases]] entry bound as DB
 */

/**
 * What cruz deploy needs from wrangler.toml's top level (per-environment [env.*] sections are not read).
 *
 * @param {string} text the file's contents
 * @returns {DeployConfig}
 */
export function readDeployConfig(text) {
  let toml;
  try {
    toml = parseToml(text);
  } catch (error) {
    if (error instanceof TomlError) throw new WranglerConfigError(`cannot read wrangler.toml, ${error.message}`);
    throw error;
  }

  const queues = isTable(toml.queues) ? toml.queues : {};
  const producers = tableList(queues.producers, '[[queues.producers]]');
  const consumers = tableList(queues.consumers, '[[queues.consumers]]');
  for (const producer of producers) {
    requireString(producer, 'queue', '[[queues.producers]]');
    requireString(producer, 'binding', '[[queues.producers]]');
  }
  for (const consumer of consumers) {
    requireString(consumer, 'queue', '[[queues.consumers]]');
    optionalString(consumer, 'dead_letter_queue', '[[queues.consumers]]');
  }

  const jobsQueue = /** @type {string | undefined} */ (producers.find((p) => p.binding === JOBS_BINDING)?.queue);
  const jobsConsumer = jobsQueue === undefined ? undefined : consumers.find((c) => c.queue === jobsQueue);
  const deadLetterQueue = jobsConsumer
    ? /** @type {string | undefined} */ (jobsConsumer.dead_letter_queue)
    : jobsQueue && `${jobsQueue}-dlq`;

  /** @type {string[]} */
  const named = [
    ...producers.map((p) => String(p.queue)),
    ...consumers.flatMap((c) => [String(c.queue), ...(typeof c.dead_letter_queue === 'string' ? [c.dead_letter_queue] : [])]),
    ...(jobsQueue && !jobsConsumer && deadLetterQueue ? [deadLetterQueue] : []),
  ];

  const databases = tableList(toml.d1_databases, '[[d1_databases]]');
  const db = databases.find((entry) => entry.binding === DB_BINDING);
  if (db) {
    optionalString(db, 'database_name', '[[d1_databases]]');
    optionalString(db, 'database_id', '[[d1_databases]]');
  }

  const vars = isTable(toml.vars) ? toml.vars : {};
  return {
    jobsQueue,
    emailProvider: typeof vars.EMAIL_PROVIDER === 'string' ? vars.EMAIL_PROVIDER : undefined,
    hasJobsConsumer: Boolean(jobsConsumer),
    deadLetterQueue,
    queues: [...new Set(named)],
    database: db && {
      databaseName: /** @type {string | undefined} */ (db.database_name),
      databaseId: /** @type {string | undefined} */ (db.database_id),
    },
  };
}

/**
 * The file with a consumer section for `queue` appended; everything before it is kept as it was.
 *
 * @param {string} text
 * @param {string} queue
 * @param {string} deadLetterQueue
 * @returns {string}
 */
export function withConsumerSection(text, queue, deadLetterQueue) {
  const section = [
    '# Added by `cruz deploy`: the worker consumes its own jobs queue. Job retries follow the Job',
    "# table's schedule; max_retries only bounds redeliveries of one message, then it goes to the DLQ.",
    '[[queues.consumers]]',
    `queue = ${JSON.stringify(queue)}`,
    `max_batch_size = ${CONSUMER_DEFAULTS.max_batch_size}`,
    `max_batch_timeout = ${CONSUMER_DEFAULTS.max_batch_timeout}`,
    `max_retries = ${CONSUMER_DEFAULTS.max_retries}`,
    `dead_letter_queue = ${JSON.stringify(deadLetterQueue)}`,
    '',
  ].join('\n');
  const separator = text === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return `${text}${separator}${section}`;
}

/**
 * @param {unknown} value
 * @param {string} what
 * @returns {import('../toml.js').TomlTable[]}
 */
function tableList(value, what) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isTable)) {
    throw new WranglerConfigError(`wrangler.toml: ${what} must be a list of tables (write each as its own ${what} section)`);
  }
  return value;
}

/**
 * @param {import('../toml.js').TomlTable} table
 * @param {string} key
 * @param {string} what
 */
function requireString(table, key, what) {
  if (typeof table[key] !== 'string' || table[key] === '') {
    throw new WranglerConfigError(`wrangler.toml: every ${what} needs ${key} = "..."`);
  }
}

/**
 * @param {import('../toml.js').TomlTable} table
 * @param {string} key
 * @param {string} what
 */
function optionalString(table, key, what) {
  if (table[key] !== undefined && typeof table[key] !== 'string') {
    throw new WranglerConfigError(`wrangler.toml: ${key} in ${what} must be a string`);
  }
}
