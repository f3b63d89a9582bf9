import { SettleFailedError, type JobRunner, type RunOutcome } from './job-runner';
import type { JobMessage } from './job-dispatcher';
import { queueDelay } from './queue-delay';

/** When running the jobs failed (D1 unreachable, say): ask for the messages again after this long. */
const INFRASTRUCTURE_RETRY_SECONDS = 10;

/**
 * The production consumer: the batch goes through the same JobRunner as dev, as one claim and one
 * settle. Each message is then acked or retried on its own, so one job's failure never makes the
 * runtime redeliver the others.
 */
export async function consumeJobBatch(batch: MessageBatch<unknown>, runner: JobRunner): Promise<void> {
  const withJob: { message: Message<unknown>; jobId: string }[] = [];
  for (const message of batch.messages) {
    const jobId = (message.body as Partial<JobMessage> | null)?.jobId;
    if (typeof jobId === 'string' && jobId !== '') {
      withJob.push({ message, jobId });
    } else {
      console.error(`[jobs] dropping queue message ${message.id}: its body has no jobId:`, message.body);
      message.ack();
    }
  }
  if (withJob.length === 0) return;

  let outcomes: RunOutcome[];
  try {
    outcomes = await runner.runMany(withJob.map((m) => m.jobId));
  } catch (error) {
    // The outcome of runs that could not be written is asked for again once their lease has lapsed.
    const delaySeconds = queueDelay(error instanceof SettleFailedError ? error.retryAfterSeconds : INFRASTRUCTURE_RETRY_SECONDS);
    console.error(`[jobs] could not run ${withJob.length} job(s); the queue will deliver them again in ${delaySeconds}s:`, error);
    for (const { message } of withJob) message.retry({ delaySeconds });
    return;
  }
  withJob.forEach(({ message }, i) => {
    const result = outcomes[i];
    // A scheduled retry, or a message that came before the job's time: ask for it again then.
    if (result.outcome === 'retry' || result.outcome === 'not-due') message.retry({ delaySeconds: queueDelay(result.delaySeconds) });
    else message.ack();
  });
}
