import { AsyncLocalStorage } from 'node:async_hooks';

/** One run of one job, as the code its handler calls can see it. Every run (each retry too) is a new object. */
export type JobRun = { readonly jobId: string; readonly type: string; readonly attempt: number };

const runs = new AsyncLocalStorage<JobRun>();

/** Runs a handler as part of `run`; the JobRunner wraps every `handler.run` in it. */
export function runAsJob<T>(run: JobRun, fn: () => T): T {
  return runs.run(run, fn);
}

/**
 * The job run the calling code belongs to, if any. Lets a service derive keys that stay the same when
 * the job is retried (EmailService's idempotency keys) without the handler passing the job along.
 */
export function currentJobRun(): JobRun | undefined {
  return runs.getStore();
}
