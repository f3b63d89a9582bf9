import type { BackgroundTasks } from '../app/background-tasks';
import type { Clock } from './clock';
import type { JobRunner } from './job-runner';
import { queueDelay } from './queue-delay';

/** Wakes workers for jobs whose rows are written. The row is the truth; a lost wake-up only delays a job. */
export interface JobDispatcher {
  dispatch(jobs: { id: string; runAt: Date }[]): Promise<void>;
}

export type JobMessage = { jobId: string };

/** `cruz dev`: run each job right away in this worker, after the response (waitUntil). */
export class InlineJobDispatcher implements JobDispatcher {
  constructor(
    private readonly runner: JobRunner,
    private readonly background: BackgroundTasks,
    private readonly clock: Clock,
  ) {}

  async dispatch(jobs: { id: string; runAt: Date }[]): Promise<void> {
    const now = this.clock.now().getTime();
    // A job scheduled for later is left to the sweeper, which `cruz dev` ticks every few seconds.
    for (const job of jobs.filter((j) => j.runAt.getTime() <= now)) {
      this.background.schedule(
        () => this.runner.run(job.id),
        (error) => console.error(`[jobs] in-process run of job ${job.id} failed to settle:`, error),
      );
    }
  }
}

/** Cloudflare's `sendBatch` takes at most 100 messages. */
export const QUEUE_BATCH_LIMIT = 100;

/** Production: one message `{ jobId }` per job on the JOBS queue, at most 100 per `sendBatch`. */
export class QueueJobDispatcher implements JobDispatcher {
  constructor(
    private readonly queue: Queue<JobMessage>,
    private readonly clock: Clock,
  ) {}

  async dispatch(jobs: { id: string; runAt: Date }[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (let i = 0; i < jobs.length; i += QUEUE_BATCH_LIMIT) {
      const chunk = jobs.slice(i, i + QUEUE_BATCH_LIMIT);
      try {
        await this.queue.sendBatch(
          chunk.map((job) => ({ body: { jobId: job.id }, delaySeconds: queueDelay((job.runAt.getTime() - now) / 1000) })),
        );
      } catch (error) {
        // The rows stay PENDING; the sweeper sends them again after its grace period.
        console.error(`[jobs] could not send ${chunk.length} job message(s) to the queue; the sweeper will retry:`, error);
      }
    }
  }
}
