import { createMessageBatch } from 'cloudflare:test';

/** A JOBS producer that records what is sent, and can be told to fail like an unreachable queue. */
export class RecordingQueue {
  readonly sent: { body: { jobId: string }; delaySeconds?: number }[] = [];
  sendBatchCalls = 0;
  failing = false;

  async send(body: { jobId: string }, options?: { delaySeconds?: number }) {
    await this.sendBatch([{ body, delaySeconds: options?.delaySeconds }]);
  }

  async sendBatch(messages: { body: { jobId: string }; delaySeconds?: number }[]) {
    this.sendBatchCalls++;
    if (this.failing) throw new Error('Queue send failed: service unavailable');
    this.sent.push(...messages);
  }

  /** Hands every recorded message to the consumer as one batch, as the runtime would, and forgets them. */
  drainAsBatch(queueName = 'my-todos-jobs') {
    const messages = this.sent.splice(0).map((m, i) => ({ id: `msg-${i}-${m.body.jobId}`, timestamp: new Date(), attempts: 1, body: m.body }));
    return createMessageBatch(queueName, messages);
  }
}

/** A batch of `{ jobId }` messages, one per id (ids may repeat to model duplicate delivery). */
export function jobBatch(jobIds: string[]) {
  return createMessageBatch(
    'my-todos-jobs',
    jobIds.map((jobId, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts: 1, body: { jobId } })),
  );
}
