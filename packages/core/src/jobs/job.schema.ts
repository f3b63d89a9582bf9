import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createId } from '@paralleldrive/cuid2';

export const JOB_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'DEAD'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The durable record of every background job: the source of truth. A queue message only says
 * "look at job X". Timestamps are integer milliseconds since the epoch.
 */
export const jobs = sqliteTable(
  'Job',
  {
    id: text('id').primaryKey().$defaultFn(() => createId()),
    type: text('type').notNull(),
    /** JSON text; parsed by the runner, so a malformed payload fails that job alone (DEAD), never the claim. */
    payload: text('payload').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    /** Runs allowed in all (first run + retries); fixed at creation from the handler's policy or the default. */
    maxAttempts: integer('maxAttempts').notNull().default(4),
    /** JSON text of the handler's JobResult.summary. */
    summary: text('summary'),
    lastError: text('lastError'),
    /** Earliest time the job may (next) run. */
    runAt: integer('runAt', { mode: 'timestamp_ms' }).notNull(),
    /** While PROCESSING: when the claim lapses and another worker may take the job over. */
    leaseExpiresAt: integer('leaseExpiresAt', { mode: 'timestamp_ms' }),
    /** When the sweeper last sent a wake-up for this job, so a backlog is not re-sent every minute. */
    wokenAt: integer('wokenAt', { mode: 'timestamp_ms' }),
    /** Optional caller key: at most one unfinished job per key. */
    dedupeKey: text('dedupeKey'),
    createdAt: integer('createdAt', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updatedAt', { mode: 'timestamp_ms' }).notNull(),
    startedAt: integer('startedAt', { mode: 'timestamp_ms' }),
    completedAt: integer('completedAt', { mode: 'timestamp_ms' }),
  },
  (t) => [
    // "Next runnable jobs": WHERE status = ? AND runAt <= ? ORDER BY runAt.
    index('Job_status_runAt_idx').on(t.status, t.runAt),
    // Expired leases: WHERE status = 'PROCESSING' AND leaseExpiresAt <= ?.
    index('Job_status_leaseExpiresAt_idx').on(t.status, t.leaseExpiresAt),
    index('Job_createdAt_idx').on(t.createdAt),
    // Pruning old COMPLETED jobs: WHERE status = 'COMPLETED' AND completedAt < ?.
    index('Job_status_completedAt_idx').on(t.status, t.completedAt),
    uniqueIndex('Job_dedupeKey_unfinished_idx')
      .on(t.dedupeKey)
      .where(sql`"dedupeKey" IS NOT NULL AND "status" NOT IN ('COMPLETED', 'DEAD')`),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
