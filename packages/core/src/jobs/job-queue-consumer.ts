import { SettleFailedError, type JobRunner } from './job-runner';
import { queueDelay } from './queue-delay';
import type { JobMessage } from './job-dispatcher';

/** When running the job itself failed (D1 unreachable, say): ask the queue again after this long. */
const INFRASTRUCTURE_RETRY_SECONDS = 10;

/**
 * The production consumer: every message goes through the same JobRunner as dev. Each message is
 * acked or retried on its own, so one failure never makes the runtime redeliver the others.
 */
export async function consumeJobBatch(batch: MessageBatch<unknown>, runner: JobRunner): Promise<void> {
  await Promise.all(batch.messages.map((message) => consumeMessage(message, runner)));
}

async function consumeMessage(message: Message<unknown>, runner: JobRunner): Promise<void> {
  const jobId = (message.body as Partial<JobMessage> | null)?.jobId;
  if (typeof jobId !== 'string' || jobId === '') {
    console.error(`[jobs] dropping queue message ${message.id}: its body has no jobId:`, message.body);
    message.ack();
    return;
  }
  try {
    const result = await runner.run(jobId);
    // A scheduled retry, or a message that came before the job's time: ask for it again then.
    if (result.outcome === 'retry' || result.outcome === 'not-due') message.retry({ delaySeconds: queueDelay(result.delaySeconds) });
    else message.ack();
  } catch (error) {
    // The outcome of a run that could not be written is retried once the run's lease has lapsed.
    const delaySeconds = error instanceof SettleFailedError ? error.retryAfterSeconds : INFRASTRUCTURE_RETRY_SECONDS;
    console.error(`[jobs] could not run job ${jobId}; the queue will deliver it again in ${queueDelay(delaySeconds)}s:`, error);
    message.retry({ delaySeconds: queueDelay(delaySeconds) });
  }
}

