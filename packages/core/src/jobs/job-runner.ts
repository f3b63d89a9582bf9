import type { Clock } from './clock';
import { jobFromRow, type JobResult } from './job-handler';
import type { JobHandlerRegistry } from './job-handler-registry';
import type { JobStore } from './job-store';
import type { JobRow } from './job.schema';
import { RetryPolicy } from './retry-policy';
import { NonRetryableError } from './non-retryable-error';
import { errorMessage } from './error-message';
import { runAsJob } from './job-context';

export type RunOutcome =
  | { outcome: 'completed'; jobId: string }
  | { outcome: 'retry'; jobId: string; delaySeconds: number; error: string }
  | { outcome: 'dead'; jobId: string; error: string }
  /** Not claimable now: finished, held by another worker, not due, or gone. */
  | { outcome: 'skipped'; jobId: string };

export const DEFAULT_LEASE_MS = 15 * 60 * 1000;

/** The one code path that runs a job, whatever woke it: dev in-process, a queue message, the sweeper, a test. */
export class JobRunner {
  constructor(
    private readonly store: JobStore,
    private readonly handlers: JobHandlerRegistry,
    private readonly clock: Clock,
    private readonly leaseMs: number = DEFAULT_LEASE_MS,
  ) {}

  async run(jobId: string): Promise<RunOutcome> {
    const job = await this.store.claim(jobId, this.clock.now(), this.leaseMs);
    if (!job) return { outcome: 'skipped', jobId };

    const handler = this.handlers.get(job.type);
    let result: JobResult;
    try {
      if (!handler) {
        throw new Error(`No job handler is registered for type "${job.type}". Registered types: ${this.handlers.types().join(', ') || '(none)'}.`);
      }
      result = await runAsJob({ jobId: job.id, type: job.type, attempt: job.attempts }, () => handler.run(jobFromRow(job)));
      if (!result || typeof result.success !== 'boolean') {
        throw new Error(`Handler for "${job.type}" returned ${JSON.stringify(result)} instead of a JobResult { success: boolean }.`);
      }
    } catch (thrown) {
      return this.settleFailure(job, errorMessage(thrown), thrown instanceof NonRetryableError, handler?.metadata);
    }
    if (!result.success) {
      return this.settleFailure(job, result.error ?? `Handler for "${job.type}" returned success: false.`, false, handler?.metadata);
    }
    await this.store.complete(job, result.summary, this.clock.now());
    return { outcome: 'completed', jobId };
  }

  private async settleFailure(
    job: JobRow,
    error: string,
    permanent: boolean,
    metadata: ConstructorParameters<typeof RetryPolicy>[0],
  ): Promise<RunOutcome> {
    const decision = permanent ? { retry: false as const } : new RetryPolicy(metadata).afterFailure(job.attempts, job.maxAttempts);
    const now = this.clock.now();
    if (!decision.retry) {
      await this.store.fail(job, error, null, now);
      console.error(`[jobs] ${job.type} ${job.id} is DEAD after ${job.attempts} run(s): ${error}`);
      return { outcome: 'dead', jobId: job.id, error };
    }
    await this.store.fail(job, error, new Date(now.getTime() + decision.delaySeconds * 1000), now);
    console.warn(`[jobs] ${job.type} ${job.id} failed (run ${job.attempts} of ${job.maxAttempts}), retrying in ${decision.delaySeconds}s: ${error}`);
    return { outcome: 'retry', jobId: job.id, delaySeconds: decision.delaySeconds, error };
  }
}
