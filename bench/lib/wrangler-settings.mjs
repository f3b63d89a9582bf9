import path from 'node:path';
import { REPO_ROOT } from './repo-root.mjs';

/** The settings of wrangler.toml the bench workers copy: compatibility, the JOBS queue and its consumer. */
export async function readWranglerSettings() {
  const { unstable_readConfig } = await import('wrangler');
  const config = unstable_readConfig({ config: path.join(REPO_ROOT, 'wrangler.toml') });
  const producer = config.queues.producers.find((p) => p.binding === 'JOBS');
  const consumer = config.queues.consumers.find((c) => c.queue === producer.queue);
  return {
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    migrationsDir: path.join(REPO_ROOT, config.d1_databases.find((d) => d.binding === 'DB').migrations_dir),
    queue: {
      name: producer.queue,
      maxBatchSize: consumer.max_batch_size,
      maxBatchTimeout: consumer.max_batch_timeout,
      maxRetries: consumer.max_retries,
      deadLetterQueue: consumer.dead_letter_queue,
    },
  };
}
