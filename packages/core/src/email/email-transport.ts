import type { OutgoingEmail } from './email-message';

/** What a provider said when it accepted a message. */
export type DeliveryReceipt = { provider: string; messageId?: string };

/**
 * Hands a message to one provider. Throws EmailDeliveryError when trying again later may work
 * (the job is retried) and EmailRejectedError when it cannot (the job is DEAD at once).
 */
export interface EmailTransport {
  readonly provider: string;
  send(email: OutgoingEmail): Promise<DeliveryReceipt>;
}
