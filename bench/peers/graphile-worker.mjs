import pg from 'pg';
import { Logger, makeWorkerUtils, run } from 'graphile-worker';
import { waitFor } from '../lib/wait-for.mjs';

export const GRAPHILE_WORKER_SETTINGS = 'run() with concurrency 10 (LISTEN/NOTIFY wake-ups, default pollInterval); jobs added with addJobs(), 100 per call';

/**
 * `count` no-op jobs through graphile-worker: added 100 per addJobs() call, one runner with 10
 * concurrent jobs. graphile-worker deletes a job when it completes; the end is the moment its
 * `job:complete` event has fired for the last one.
 */
export async function runGraphileWorker({ connectionString, count }) {
  // Our own pool, ended before the server stops: a connection the server terminates must not become an
  // unhandled 'error' event that crashes the benchmark.
  const pgPool = new pg.Pool({ connectionString, max: 12 });
  pgPool.on('error', (error) => console.error('[graphile-worker] pool:', error.message));
  pgPool.on('connect', (client) => client.on('error', (error) => console.error('[graphile-worker] client:', error.message)));
  const utils = await makeWorkerUtils({ pgPool, logger: quietLogger() });
  await utils.migrate();
  let completed = 0;
  let lastCompletedAt = 0;
  const runner = await run({
    pgPool,
    concurrency: 10,
    noHandleSignals: true,
    logger: quietLogger(),
    taskList: { noop: async () => {} },
  });
  runner.events.on('job:complete', () => {
    completed++;
    lastCompletedAt = Date.now();
  });
  try {
    const startedAt = Date.now();
    for (let i = 0; i < count; i += 100) {
      await utils.addJobs(Array.from({ length: Math.min(100, count - i) }, (_, k) => ({ identifier: 'noop', payload: { n: i + k } })));
    }
    await waitFor(() => completed >= count, { everyMs: 50, timeoutMs: 60_000 + count * 50, what: `${count} graphile-worker jobs to complete` });
    const seconds = (lastCompletedAt - startedAt) / 1000;
    return { jobsPerSecond: count / seconds, seconds };
  } finally {
    await runner.stop();
    await utils.release();
    await pgPool.end();
  }
}

/** graphile-worker logs every job at info level: keep errors only. */
function quietLogger() {
  return new Logger(() => (level, message) => {
    if (level === 'error') console.error('[graphile-worker]', message);
  });
}
