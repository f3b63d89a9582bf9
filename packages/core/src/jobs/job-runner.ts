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
  /** Claimable later: its runAt has not come (an early or delayed message). */
  | { outcome: 'not-due'; jobId: string; delaySeconds: number }
  /** Nothing to do: finished, held by another worker, or gone. */
  | { outcome: 'skipped'; jobId: string }
  /** The handler ran, but the lease lapsed and another worker took the job over: this run's result was not recorded. */
  | { outcome: 'lost-claim'; jobId: string };

export const DEFAULT_LEASE_MS = 15 * 60 * 1000;

/** Settling is retried this many times in the same invocation before the job is left to its lease. */
const SETTLE_ATTEMPTS = 3;

/** Thrown when a job's outcome could not be written: ask for the job again once its lease has lapsed. */
export class SettleFailedError extends Error {
  constructor(
    readonly jobId: string,
    readonly retryAfterSeconds: number,
    options: { cause: unknown },
  ) {
    super(`could not record the outcome of job ${jobId}: ${errorMessage(options.cause)}`, options);
    this.name = 'SettleFailedError';
  }
}

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
    if (!job) return this.whyNotClaimed(jobId);

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
    const summary = result.summary;
    if (!(await this.settle(job, () => this.store.complete(job, summary, this.clock.now())))) return this.lostClaim(job);
    return { outcome: 'completed', jobId };
  }

  /** A claim that found nothing: either the job is not due yet (say when), or there is nothing to do. */
  private async whyNotClaimed(jobId: string): Promise<RunOutcome> {
    const row = await this.store.findById(jobId);
    const now = this.clock.now().getTime();
    if (row && (row.status === 'PENDING' || row.status === 'FAILED') && row.attempts < row.maxAttempts && row.runAt.getTime() > now) {
      return { outcome: 'not-due', jobId, delaySeconds: Math.ceil((row.runAt.getTime() - now) / 1000) };
    }
    return { outcome: 'skipped', jobId };
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
      if (!(await this.settle(job, () => this.store.fail(job, error, null, now)))) return this.lostClaim(job);
      console.error(`[jobs] ${job.type} ${job.id} is DEAD after ${job.attempts} run(s): ${error}`);
      return { outcome: 'dead', jobId: job.id, error };
    }
    const nextRunAt = new Date(now.getTime() + decision.delaySeconds * 1000);
    if (!(await this.settle(job, () => this.store.fail(job, error, nextRunAt, now)))) return this.lostClaim(job);
    console.warn(`[jobs] ${job.type} ${job.id} failed (run ${job.attempts} of ${job.maxAttempts}), retrying in ${decision.delaySeconds}s: ${error}`);
    return { outcome: 'retry', jobId: job.id, delaySeconds: decision.delaySeconds, error };
  }

  /**
   * Writes the outcome, trying again on a transient D1 error: the write is safe to repeat, since it
   * only applies while this run still holds the claim. Resolves false when the claim was lost.
   */
  private async settle(job: JobRow, write: () => Promise<boolean>): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (attempt >= SETTLE_ATTEMPTS) {
          const leaseLeftMs = (job.leaseExpiresAt?.getTime() ?? 0) - this.clock.now().getTime();
          throw new SettleFailedError(job.id, Math.max(1, Math.ceil(leaseLeftMs / 1000)), { cause: error });
        }
      }
    }
  }

  private lostClaim(job: JobRow): RunOutcome {
    console.warn(`[jobs] ${job.type} ${job.id}: run ${job.attempts} outlived its lease and another worker took the job over; its outcome was not recorded`);
    return { outcome: 'lost-claim', jobId: job.id };
  }
}
