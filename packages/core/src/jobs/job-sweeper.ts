import { and, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DrizzleDatabase } from '../database/drizzle';
import type { Clock } from './clock';
import type { JobDispatcher } from './job-dispatcher';
import { jobs } from './job.schema';

export type SweeperOptions = {
  /** A PENDING or due FAILED job untouched this long after its runAt has lost its wake-up message. */
  graceMs: number;
  /** A job the sweeper woke is not woken again before this long (a queue backlog is not re-sent every minute). */
  rewakeMs: number;
  /** COMPLETED jobs older than this are deleted. */
  retentionMs: number;
  /** Rows handled per statement, so one sweep stays within a Worker's limits. */
  batchSize: number;
  /** Prune batches per sweep at most. */
  maxPruneBatches: number;
};

export const DEFAULT_SWEEPER_OPTIONS: SweeperOptions = {
  graceMs: 60_000,
  rewakeMs: 5 * 60_000,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  batchSize: 500,
  maxPruneBatches: 10,
};

export type SweepReport = { woken: number; dead: number; pruned: number };

/**
 * The safety net behind "no job is ever lost": run every minute by cron (and every few seconds by
 * `cruz dev`). Wakes jobs whose message was lost or never sent, takes back jobs whose worker died,
 * and prunes old COMPLETED rows. Each query is served by an index on (status, time).
 */
export class JobSweeper {
  constructor(
    private readonly db: DrizzleDatabase,
    private readonly dispatcher: JobDispatcher,
    private readonly clock: Clock,
    private readonly options: SweeperOptions,
  ) {}

  async sweep(): Promise<SweepReport> {
    const now = this.clock.now();
    const dead = await this.buryExhaustedLeases(now);
    const stale = new Date(now.getTime() - this.options.graceMs);
    const notWokenRecently = or(isNull(jobs.wokenAt), lte(jobs.wokenAt, new Date(now.getTime() - this.options.rewakeMs)));
    const wake = await this.markWoken(and(inArray(jobs.status, ['PENDING', 'FAILED']), lte(jobs.runAt, stale), notWokenRecently), now);
    const expired = await this.markWoken(and(eq(jobs.status, 'PROCESSING'), lte(jobs.leaseExpiresAt, now), notWokenRecently), now);
    const due = [...wake, ...expired].map((job) => ({ id: job.id, runAt: new Date(Math.min(job.runAt.getTime(), now.getTime())) }));
    if (due.length > 0) await this.dispatcher.dispatch(due);
    const pruned = await this.pruneCompleted(now);
    return { woken: due.length, dead, pruned };
  }

  /** Stamps `wokenAt` on up to one batch of matching jobs and returns them: one statement, so two sweeps never wake the same job. */
  private markWoken(condition: SQL | undefined, now: Date) {
    const candidates = this.db.select({ id: jobs.id }).from(jobs).where(condition).limit(this.options.batchSize);
    return this.db.update(jobs).set({ wokenAt: now }).where(inArray(jobs.id, candidates)).returning({ id: jobs.id, runAt: jobs.runAt });
  }

  /** A worker died during a job's last allowed run: no run is left, so the job is DEAD. */
  private async buryExhaustedLeases(now: Date): Promise<number> {
    const rows = await this.db
      .update(jobs)
      .set({
        status: 'DEAD',
        lastError: sql`coalesce(${jobs.lastError} || ' | ', '') || 'lease expired during the last allowed run (the worker stopped before settling the job)'`,
        leaseExpiresAt: null,
        completedAt: now,
        updatedAt: now,
      })
      .where(and(eq(jobs.status, 'PROCESSING'), lte(jobs.leaseExpiresAt, now), sql`${jobs.attempts} >= ${jobs.maxAttempts}`))
      .returning({ id: jobs.id });
    return rows.length;
  }

  private async pruneCompleted(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.retentionMs);
    let pruned = 0;
    for (let batch = 0; batch < this.options.maxPruneBatches; batch++) {
      const oldest = this.db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.status, 'COMPLETED'), lte(jobs.completedAt, cutoff)))
        .limit(this.options.batchSize);
      const result = await this.db.delete(jobs).where(inArray(jobs.id, oldest));
      const changes = result.meta.changes ?? 0;
      pruned += changes;
      if (changes < this.options.batchSize) break;
    }
    return pruned;
  }
}
