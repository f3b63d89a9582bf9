// A PROTOTYPE, not the system: the queue consumer as the proposed fix would make it, to measure what
// the fix would give before anyone writes it. Per message batch: ONE claim statement for all its jobs
// (the system's own claim rule, `claimableAt`, with `id IN (...)`), the handlers, then ONE D1 batch
// settling them (the same UPDATE the system runs per job). The system today runs a claim and a
// settle round trip per job. Failures are not handled here: the no-op handler never fails.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getCruzRuntime, type CruzEnv } from '@cruzjs/core';
import { jobs } from '@cruzjs/core/jobs';
import { claimableAt } from '../../packages/core/src/jobs/job-store';
import { noopJobsWorker } from './noop-jobs-worker';

const LEASE_MS = 15 * 60 * 1000;
const CLAIM_IDS_PER_STATEMENT = 90;

export default {
  fetch: noopJobsWorker.handler.fetch,
  scheduled: noopJobsWorker.handler.scheduled,
  async queue(batch, env) {
    // The counted env and the runtime come from the no-op worker, so D1 statements are counted alike.
    const runtime = getCruzRuntime(noopJobsWorker.app, noopJobsWorker.countedEnv(env));
    const db = runtime.db;
    const now = new Date();
    const ids = batch.messages.map((m) => (m.body as { jobId: string }).jobId);
    // D1 takes at most 100 bound parameters per statement: the claim uses 10 besides the ids, so 90 ids per statement.
    const claimed = [];
    for (let i = 0; i < ids.length; i += CLAIM_IDS_PER_STATEMENT) {
      claimed.push(
        ...(await db
          .update(jobs)
          .set({ status: 'PROCESSING', attempts: sql`${jobs.attempts} + 1`, startedAt: now, updatedAt: now, leaseExpiresAt: new Date(now.getTime() + LEASE_MS) })
          .where(and(inArray(jobs.id, ids.slice(i, i + CLAIM_IDS_PER_STATEMENT)), claimableAt(now)))
          .returning()),
      );
    }
    // (The no-op handler would run here for each claimed job.)
    const done = new Date();
    if (claimed.length > 0) {
      const settles = claimed.map((job) =>
        db
          .update(jobs)
          .set({ status: 'COMPLETED', summary: null, lastError: null, leaseExpiresAt: null, completedAt: done, updatedAt: done })
          .where(and(eq(jobs.id, job.id), eq(jobs.status, 'PROCESSING'), eq(jobs.attempts, job.attempts))),
      );
      await db.batch(settles as [(typeof settles)[number], ...typeof settles]);
    }
    for (const message of batch.messages) message.ack();
  },
} satisfies ExportedHandler<CruzEnv>;
