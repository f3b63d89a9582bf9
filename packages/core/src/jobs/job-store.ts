import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { createId } from '@paralleldrive/cuid2';
import type { DrizzleDatabase } from '../database/drizzle';
import { jobs, type JobRow } from './job.schema';

/** D1 binds at most 100 parameters per statement; the claim's own conditions use 10. */
const CLAIM_IDS_PER_STATEMENT = 90;

export type NewJob = { type: string; /** JSON text */ payload: string; maxAttempts: number; runAt: Date; dedupeKey?: string | null };

/**
 * Every statement that changes a job's state. Each is one SQL statement doing one whole transition;
 * the WHERE clause names the states a job may leave, so a stale worker can never overwrite a newer state.
 */
export class JobStore {
  constructor(private readonly db: DrizzleDatabase) {}

  insertStatement(job: NewJob, now: Date, id: string = createId()) {
    return this.db
      .insert(jobs)
      .values({
        id,
        type: job.type,
        payload: job.payload,
        status: 'PENDING',
        attempts: 0,
        maxAttempts: job.maxAttempts,
        runAt: job.runAt,
        dedupeKey: job.dedupeKey ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
  }

  async findById(id: string): Promise<JobRow | undefined> {
    return this.db.select().from(jobs).where(eq(jobs.id, id)).get();
  }

  /**
   * Takes jobs for one run each: PENDING or FAILED whose time has come, or PROCESSING whose lease
   * lapsed (its worker died). Bumps `attempts` and sets a lease. One statement per 90 ids (D1 binds at
   * most 100 parameters); the jobs it does not return are held by someone else, finished, or not due.
   */
  async claim(ids: string[], now: Date, leaseMs: number): Promise<JobRow[]> {
    const claimed: JobRow[] = [];
    for (let i = 0; i < ids.length; i += CLAIM_IDS_PER_STATEMENT) {
      const rows = await this.db
        .update(jobs)
        .set({
          status: 'PROCESSING',
          attempts: sql`${jobs.attempts} + 1`,
          startedAt: now,
          updatedAt: now,
          leaseExpiresAt: new Date(now.getTime() + leaseMs),
        })
        .where(and(inArray(jobs.id, ids.slice(i, i + CLAIM_IDS_PER_STATEMENT)), claimableAt(now)))
        .returning();
      claimed.push(...rows);
    }
    return claimed;
  }

  /** Settles the run identified by (id, attempts); a worker whose lease was taken over changes nothing. */
  completeStatement(run: JobRow, summary: unknown, now: Date) {
    return this.db
      .update(jobs)
      .set({ status: 'COMPLETED', summary: summaryJson(summary), lastError: null, leaseExpiresAt: null, completedAt: now, updatedAt: now })
      .where(heldBy(run))
      .returning({ id: jobs.id });
  }

  /** FAILED with the time of the next run, or DEAD when `nextRunAt` is null. */
  failStatement(run: JobRow, error: string, nextRunAt: Date | null, now: Date) {
    return this.db
      .update(jobs)
      .set(
        nextRunAt
          ? { status: 'FAILED', lastError: error, runAt: nextRunAt, leaseExpiresAt: null, updatedAt: now }
          : { status: 'DEAD', lastError: error, leaseExpiresAt: null, completedAt: now, updatedAt: now },
      )
      .where(heldBy(run))
      .returning({ id: jobs.id });
  }

  /**
   * Runs settle statements as one D1 batch (one round trip for a whole message batch). For each,
   * true when it applied, false when that run no longer held its claim.
   */
  async settle(statements: ReturnType<JobStore['completeStatement']>[]): Promise<boolean[]> {
    if (statements.length === 0) return [];
    const results = (await this.db.batch(statements as [(typeof statements)[number], ...typeof statements])) as { id: string }[][];
    return results.map((rows) => rows.length === 1);
  }

  async fail(run: JobRow, error: string, nextRunAt: Date | null, now: Date): Promise<boolean> {
    const [applied] = await this.settle([this.failStatement(run, error, nextRunAt, now)]);
    return applied;
  }
}

/** The claim rule, in one place: which rows a worker may take at `now`. */
export function claimableAt(now: Date) {
  return and(
    sql`${jobs.attempts} < ${jobs.maxAttempts}`,
    or(
      and(eq(jobs.status, 'PENDING'), lte(jobs.runAt, now)),
      and(eq(jobs.status, 'FAILED'), lte(jobs.runAt, now)),
      and(eq(jobs.status, 'PROCESSING'), lte(jobs.leaseExpiresAt, now)),
    ),
  );
}

function heldBy(run: JobRow) {
  return and(eq(jobs.id, run.id), eq(jobs.status, 'PROCESSING'), eq(jobs.attempts, run.attempts));
}

/**
 * The summary as JSON text. The handler's work is done by now, so a summary that cannot be stored
 * (a cycle, a BigInt) must not fail the job: a note takes its place.
 */
function summaryJson(summary: unknown): string | null {
  if (summary === undefined || summary === null) return null;
  try {
    return JSON.stringify(summary) ?? null;
  } catch (error) {
    return JSON.stringify({ summaryNotStored: `the handler's summary is not JSON-serializable: ${(error as Error).message}` });
  }
}
