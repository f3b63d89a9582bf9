import pg from 'pg';
import PgBoss from 'pg-boss';
import { waitFor } from '../lib/wait-for.mjs';

export const PG_BOSS_SETTINGS = 'one work() with batchSize 100 and pollingIntervalSeconds 0.5 (its minimum); jobs inserted with insert(), 100 per call';

/**
 * `count` no-op jobs through pg-boss: inserted 100 per insert() call (as our createJobs calls), one
 * worker fetching 100 at a time. pg-boss waits out its polling interval after every fetch, so the
 * batch size is what lets it go faster than one batch per 0.5 s. End: the last job's completed_on.
 */
export async function runPgBoss({ connectionString, count }) {
  const boss = new PgBoss({ connectionString, max: 10 });
  boss.on('error', (error) => console.error('[pg-boss]', error.message));
  await boss.start();
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await boss.createQueue('bench');
    await boss.work('bench', { batchSize: 100, pollingIntervalSeconds: 0.5 }, async () => {});
    const startedAt = Date.now();
    for (let i = 0; i < count; i += 100) {
      await boss.insert(Array.from({ length: Math.min(100, count - i) }, (_, k) => ({ name: 'bench', data: { n: i + k } })));
    }
    const done = await waitFor(
      async () => {
        const { rows } = await client.query(
          `SELECT count(*) FILTER (WHERE state = 'completed')::int AS completed, (extract(epoch FROM max(completed_on)) * 1000)::float8 AS last FROM pgboss.job WHERE name = 'bench'`,
        );
        return rows[0].completed >= count && rows[0];
      },
      { everyMs: 250, timeoutMs: 60_000 + count * 50, what: `${count} pg-boss jobs to complete` },
    );
    const seconds = (done.last - startedAt) / 1000;
    return { jobsPerSecond: count / seconds, seconds };
  } finally {
    await client.end();
    await boss.stop({ graceful: false, wait: true, timeout: 5000 });
  }
}
