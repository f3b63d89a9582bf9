import { MAX_QUEUE_DELAY_SECONDS } from './queue-delay';
import type { JobHandlerMetadata } from './job-handler';

/** The tutorial's schedule: three retries, 10 s, 60 s and 5 min after the failed run. */
export const DEFAULT_BACKOFF_SECONDS = [10, 60, 300] as const;
export const DEFAULT_RETRIES = DEFAULT_BACKOFF_SECONDS.length;


export type RetryDecision = { retry: true; delaySeconds: number } | { retry: false };

/** A handler's retry policy: how many runs a job gets and how long to wait before each retry. */
export class RetryPolicy {
  readonly maxAttempts: number;
  private readonly backoffSeconds: readonly number[];

  constructor(metadata?: Pick<JobHandlerMetadata, 'retries' | 'backoffSeconds'>) {
    const retries = metadata?.retries ?? DEFAULT_RETRIES;
    if (!Number.isInteger(retries) || retries < 0) throw new Error(`metadata.retries must be a whole number >= 0, got ${retries}.`);
    const backoff = metadata?.backoffSeconds;
    if (backoff !== undefined && (!Array.isArray(backoff) || backoff.some((s) => !Number.isInteger(s) || s < 0 || s > MAX_QUEUE_DELAY_SECONDS))) {
      throw new Error(`metadata.backoffSeconds must be whole numbers of seconds from 0 to ${MAX_QUEUE_DELAY_SECONDS} (12 hours), got ${JSON.stringify(backoff)}.`);
    }
    this.backoffSeconds = backoff?.length ? backoff : DEFAULT_BACKOFF_SECONDS;
    this.maxAttempts = retries + 1;
  }

  /** After the run numbered `attempt` (1-based) failed: retry, and after how long? */
  afterFailure(attempt: number, maxAttempts = this.maxAttempts): RetryDecision {
    if (attempt >= maxAttempts) return { retry: false };
    const index = Math.min(attempt - 1, this.backoffSeconds.length - 1);
    return { retry: true, delaySeconds: this.backoffSeconds[index] };
  }
}
