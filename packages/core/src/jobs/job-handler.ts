import type { JobRow, JobStatus } from './job.schema';
import { NonRetryableError } from './non-retryable-error';

/** What a handler receives: the job row with its payload typed. */
export type Job<TPayload = unknown> = {
  id: string;
  type: string;
  payload: TPayload;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  createdAt: Date;
};

export type JobResult = {
  success: boolean;
  /** Stored on the job (as JSON) when it completes; shown by admin tools and logs. */
  summary?: Record<string, unknown>;
  /** With `success: false`: why, stored as the job's lastError. */
  error?: string;
};

export type JobHandlerMetadata = {
  /** Unique, namespaced: `feature/job-name`. */
  type: string;
  description: string;
  /** Retries after the first run (default 3). */
  retries?: number;
  /** Delay before each retry in seconds (default [10, 60, 300]); the last one repeats if retries exceed it. */
  backoffSeconds?: number[];
};

export interface JobHandler<TPayload = any> {
  metadata: JobHandlerMetadata;
  run(job: Job<TPayload>): Promise<JobResult>;
}

/** Multi-injection token under which modules register their job handlers. */
export const JOB_HANDLER = Symbol.for('cruzjs.JobHandler');

/** The handler's view of a job row. Throws a NonRetryableError when the stored payload is not JSON. */
export function jobFromRow<TPayload = unknown>(row: JobRow): Job<TPayload> {
  let payload: TPayload;
  try {
    payload = JSON.parse(row.payload) as TPayload;
  } catch (error) {
    throw new NonRetryableError(`The payload of job ${row.id} is not valid JSON: ${(error as Error).message}`);
  }
  return {
    id: row.id,
    type: row.type,
    payload,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    runAt: row.runAt,
    createdAt: row.createdAt,
  };
}
