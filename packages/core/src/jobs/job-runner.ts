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
    readonly jobIds: string[],
    readonly retryAfterSeconds: number,
    options: { cause: unknown },
  ) {
    super(`could not record the outcome of job(s) ${jobIds.join(', ')}: ${errorMessage(options.cause)}`, options);
    this.name = 'SettleFailedError';
  }
}

/** How one claimed run ended, before it is written. */
type Settlement = { job: JobRow; statement: ReturnType<JobStore['completeStatement']>; outcome: RunOutcome; log?: () => void };

/**
 * The one code path that runs jobs, whatever woke them: dev in-process, a queue batch, the sweeper, a
 * test. A batch costs one claim statement (per 90 jobs) and one D1 batch settling every run.
 */
export class JobRunner {
  constructor(
    private readonly store: JobStore,
    private readonly handlers: JobHandlerRegistry,
    private readonly clock: Clock,
    private readonly leaseMs: number = DEFAULT_LEASE_MS,
  ) {}

  async run(jobId: string): Promise<RunOutcome> {
    const [outcome] = await this.runMany([jobId]);
    return outcome;
  }

  /** Runs each job once if it is claimable now; the outcomes come back in the order of `jobIds`. */
  async runMany(jobIds: string[]): Promise<RunOutcome[]> {
    const unique = [...new Set(jobIds)];
    const claimed = await this.store.claim(unique, this.clock.now(), this.leaseMs);
    const settlements = await Promise.all(claimed.map((job) => this.execute(job)));
    const applied = await this.settle(settlements);

    const outcomes = new Map<string, RunOutcome>();
    settlements.forEach((settlement, i) => {
      if (applied[i]) {
        settlement.log?.();
        outcomes.set(settlement.job.id, settlement.outcome);
      } else {
        outcomes.set(settlement.job.id, this.lostClaim(settlement.job));
      }
    });
    for (const id of unique) if (!outcomes.has(id)) outcomes.set(id, await this.whyNotClaimed(id));
    // A job id given twice is claimed once: the other copy has nothing to do.
    const seen = new Set<string>();
    return jobIds.map((id) => (seen.has(id) ? { outcome: 'skipped' as const, jobId: id } : (seen.add(id), outcomes.get(id)!)));
  }

  /** Runs the handler of one claimed job and decides how the run ends; writes nothing. */
  private async execute(job: JobRow): Promise<Settlement> {
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
      return this.failure(job, errorMessage(thrown), thrown instanceof NonRetryableError, handler?.metadata);
    }
    if (!result.success) {
      return this.failure(job, result.error ?? `Handler for "${job.type}" returned success: false.`, false, handler?.metadata);
    }
    return { job, statement: this.store.completeStatement(job, result.summary, this.clock.now()), outcome: { outcome: 'completed', jobId: job.id } };
  }

  private failure(job: JobRow, error: string, permanent: boolean, metadata: ConstructorParameters<typeof RetryPolicy>[0]): Settlement {
    const decision = permanent ? { retry: false as const } : new RetryPolicy(metadata).afterFailure(job.attempts, job.maxAttempts);
    const now = this.clock.now();
    if (!decision.retry) {
      return {
        job,
        statement: this.store.failStatement(job, error, null, now),
        outcome: { outcome: 'dead', jobId: job.id, error },
        log: () => console.error(`[jobs] ${job.type} ${job.id} is DEAD after ${job.attempts} run(s): ${error}`),
      };
    }
    return {
      job,
      statement: this.store.failStatement(job, error, new Date(now.getTime() + decision.delaySeconds * 1000), now),
      outcome: { outcome: 'retry', jobId: job.id, delaySeconds: decision.delaySeconds, error },
      log: () => console.warn(`[jobs] ${job.type} ${job.id} failed (run ${job.attempts} of ${job.maxAttempts}), retrying in ${decision.delaySeconds}s: ${error}`),
    };
  }

  /**
   * Writes every outcome in one D1 batch, trying again on a transient error: the writes are safe to
   * repeat, since each applies only while its run still holds the claim.
   */
  private async settle(settlements: Settlement[]): Promise<boolean[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.settle(settlements.map((s) => s.statement));
      } catch (error) {
        if (attempt >= SETTLE_ATTEMPTS) {
          const leaseEnds = Math.min(...settlements.map((s) => s.job.leaseExpiresAt?.getTime() ?? 0));
          const leaseLeftMs = leaseEnds - this.clock.now().getTime();
          throw new SettleFailedError(settlements.map((s) => s.job.id), Math.max(1, Math.ceil(leaseLeftMs / 1000)), { cause: error });
        }
      }
    }
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

  private lostClaim(job: JobRow): RunOutcome {
    console.warn(`[jobs] ${job.type} ${job.id}: run ${job.attempts} outlived its lease and another worker took the job over; its outcome was not recorded`);
    return { outcome: 'lost-claim', jobId: job.id };
  }
}
