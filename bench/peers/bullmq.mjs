import { Queue, Worker } from 'bullmq';
import { waitFor } from '../lib/wait-for.mjs';

export const BULLMQ_SETTINGS = 'one Worker with concurrency 10; jobs added with addBulk(), 100 per call; Redis in memory only';

/**
 * `count` no-op jobs through BullMQ on Redis: added 100 per addBulk() call, one Worker running 10
 * at once. The end is the moment its `completed` event has fired for the last one.
 */
export async function runBullMq({ port, count }) {
  const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
  const queue = new Queue('bench', { connection });
  let completed = 0;
  let lastCompletedAt = 0;
  const worker = new Worker('bench', async () => {}, { connection, concurrency: 10 });
  worker.on('completed', () => {
    completed++;
    lastCompletedAt = Date.now();
  });
  worker.on('error', (error) => console.error('[bullmq]', error.message));
  try {
    await worker.waitUntilReady();
    const startedAt = Date.now();
    for (let i = 0; i < count; i += 100) {
      await queue.addBulk(Array.from({ length: Math.min(100, count - i) }, (_, k) => ({ name: 'noop', data: { n: i + k } })));
    }
    await waitFor(() => completed >= count, { everyMs: 50, timeoutMs: 60_000 + count * 50, what: `${count} BullMQ jobs to complete` });
    const seconds = (lastCompletedAt - startedAt) / 1000;
    return { jobsPerSecond: count / seconds, seconds };
  } finally {
    await worker.close(true);
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
}
