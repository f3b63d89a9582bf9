/** Cloudflare Queues delay a message by at most 12 hours; a job due later is woken by the sweeper. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 60 * 60;

/** A delay a queue message can carry: whole seconds, from 0 to 12 hours. */
export function queueDelay(seconds: number): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil(seconds)));
}
