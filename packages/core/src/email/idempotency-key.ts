import { currentJobRun, type JobRun } from '../jobs/job-context';

/**
 * Idempotency keys derived from the job: the n-th email a run of job X sends is `job:X:email:n`, on
 * the first run and on every retry alike, so a provider that honours keys (Resend) recognizes a retry
 * of an email it already accepted. Numbering follows the order of `send` calls, so it is stable as
 * long as the handler sends the same emails in the same order on each run. Outside a job: no key.
 */
export class IdempotencyKeys {
  private readonly sentByRun = new WeakMap<JobRun, number>();

  /** Call synchronously at the start of a send, so concurrent sends are numbered in call order. */
  next(): string | undefined {
    const run = currentJobRun();
    if (!run) return undefined;
    const n = (this.sentByRun.get(run) ?? 0) + 1;
    this.sentByRun.set(run, n);
    return `job:${run.jobId}:email:${n}`;
  }
}
