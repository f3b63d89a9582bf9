import { and, eq, sql } from 'drizzle-orm';
import { createId } from '@paralleldrive/cuid2';
import type { DrizzleDatabase } from '../database/drizzle';
import type { Clock } from './clock';
import { jobFromRow, type Job } from './job-handler';
import type { JobHandlerRegistry } from './job-handler-registry';
import type { JobDispatcher } from './job-dispatcher';
import type { JobStore, NewJob } from './job-store';
import { jobs, type JobRow } from './job.schema';
import { RetryPolicy } from './retry-policy';

export type CreateJobInput<TPayload> = {
  /** The handler's `metadata.type`, e.g. `todos/welcome-email`. */
  type: string;
  /** Any JSON-serializable value; the handler receives it as `job.payload`. */
  payload: TPayload;
  /** Run no earlier than this (default: now). */
  runAt?: Date;
  /** At most one unfinished job per key: creating another returns the existing one. */
  dedupeKey?: string;
};

/** A job written as part of the caller's own D1 batch. */
export type PreparedJob<TPayload> = {
  /** Put this in your `db.batch([...])`. */
  statement: ReturnType<JobStore['insertStatement']>;
  /** The job as it will be once the batch has run. */
  job: Job<TPayload>;
  /** Wakes a worker; call it after the batch succeeded. If it never runs, the sweeper wakes the job. */
  dispatch(): Promise<void>;
};

/** Creates durable jobs: writes the row first, then wakes a worker (in-process in dev, a queue message in production). */
export class JobService {
  constructor(
    private readonly db: DrizzleDatabase,
    private readonly store: JobStore,
    private readonly handlers: JobHandlerRegistry,
    private readonly dispatcher: JobDispatcher,
    private readonly clock: Clock,
  ) {}

  async createJob<TPayload>(input: CreateJobInput<TPayload>): Promise<Job<TPayload>> {
    const [job] = await this.createJobs([input]);
    return job;
  }

  /** Creates many jobs with one D1 batch and wakes them with one queue send per 100. */
  async createJobs<TPayload>(inputs: CreateJobInput<TPayload>[]): Promise<Job<TPayload>[]> {
    if (inputs.length === 0) return [];
    const now = this.clock.now();
    const rows = inputs.map((input) => this.toNewJob(input, now));
    const inserts = rows.map((row) => this.store.insertStatement(row, now).onConflictDoNothing());
    const results = (await this.db.batch(inserts as [(typeof inserts)[number], ...typeof inserts])) as JobRow[][];

    const created = results.map((inserted) => inserted[0]).filter((row): row is JobRow => row !== undefined);
    // Wake the new jobs before looking up duplicates, so a failing lookup never strands them.
    await this.dispatcher.dispatch(created);
    const all: JobRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      all.push(results[i][0] ?? (await this.existingOrNew(rows[i], now)));
    }
    return all.map((row) => jobFromRow<TPayload>(row));
  }

  /**
   * A job to write in your own D1 batch, so it exists exactly when your rows do (an invitation and
   * the job that emails it, say): both are written, or neither. Not for deduplicated jobs, whose
   * conflict would roll back your whole batch: use createJob with a dedupeKey for those.
   */
  prepareJob<TPayload>(input: Omit<CreateJobInput<TPayload>, 'dedupeKey'>): PreparedJob<TPayload> {
    if ((input as CreateJobInput<TPayload>).dedupeKey !== undefined) {
      throw new TypeError('prepareJob does not take a dedupeKey: use createJob for deduplicated jobs.');
    }
    const now = this.clock.now();
    const row = this.toNewJob(input, now);
    const id = createId();
    const job: Job<TPayload> = {
      id,
      type: row.type,
      payload: JSON.parse(row.payload) as TPayload,
      status: 'PENDING',
      attempts: 0,
      maxAttempts: row.maxAttempts,
      runAt: row.runAt,
      createdAt: now,
    };
    return {
      statement: this.store.insertStatement(row, now, id),
      job,
      dispatch: () => this.dispatcher.dispatch([{ id, runAt: row.runAt }]),
    };
  }

  private toNewJob<TPayload>(input: CreateJobInput<TPayload>, now: Date) {
    if (!input || typeof input.type !== 'string' || input.type.trim() === '') {
      throw new TypeError('createJob needs a non-empty string `type` (the handler\'s metadata.type).');
    }
    let json: string | undefined;
    try {
      json = JSON.stringify(input.payload);
    } catch (error) {
      throw new TypeError(`The payload of a "${input.type}" job must be JSON-serializable: ${(error as Error).message}`);
    }
    if (json === undefined) throw new TypeError(`The payload of a "${input.type}" job must be a JSON value, got ${typeof input.payload}.`);
    if (input.runAt !== undefined && !(input.runAt instanceof Date && !Number.isNaN(input.runAt.getTime()))) {
      throw new TypeError(`runAt of a "${input.type}" job must be a valid Date.`);
    }
    const policy = new RetryPolicy(this.handlers.get(input.type)?.metadata);
    return {
      type: input.type,
      payload: json,
      maxAttempts: policy.maxAttempts,
      runAt: input.runAt ?? now,
      dedupeKey: input.dedupeKey ?? null,
    };
  }

  /**
   * The unfinished job holding this row's dedupeKey. If that job finished between our insert and
   * this lookup, the key is free again and the row is inserted after all.
   */
  private async existingOrNew(row: NewJob, now: Date): Promise<JobRow> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.db
        .select()
        .from(jobs)
        // Literal statuses, as in the partial unique index, so SQLite can search that index.
        .where(and(eq(jobs.dedupeKey, row.dedupeKey!), sql`${jobs.status} NOT IN ('COMPLETED', 'DEAD')`))
        .get();
      if (existing) return existing;
      const [inserted] = await this.store.insertStatement(row, now).onConflictDoNothing();
      if (inserted) {
        await this.dispatcher.dispatch([inserted]);
        return inserted;
      }
    }
    throw new Error(`Job with dedupeKey "${row.dedupeKey}" kept changing while it was being created; try again.`);
  }
}
