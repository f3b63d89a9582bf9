import { formatMailbox } from '../email-address';
import type { OutgoingEmail } from '../email-message';
import type { DeliveryReceipt, EmailTransport } from '../email-transport';
import { postToProvider, type ProviderErrorDetails } from './provider-request';

export const RESEND_URL = 'https://api.resend.com/emails';

/**
 * Resend's `POST /emails`. Idempotency: Resend keeps an `Idempotency-Key` for 24 hours and answers a
 * repeat with the first send's result instead of sending again, so a job retried after a lost answer
 * delivers once.
 */
export class ResendTransport implements EmailTransport {
  readonly provider = 'Resend';

  constructor(private readonly apiKey: string) {}

  async send(email: OutgoingEmail): Promise<DeliveryReceipt> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.apiKey}` };
    if (email.idempotencyKey) headers['Idempotency-Key'] = email.idempotencyKey;
    const response = await postToProvider({
      provider: this.provider,
      url: RESEND_URL,
      headers,
      body: {
        from: formatMailbox(email.from),
        to: email.to.map(formatMailbox),
        subject: email.subject,
        ...(email.html !== undefined && { html: email.html }),
        ...(email.text !== undefined && { text: email.text }),
        ...(email.replyTo && { reply_to: formatMailbox(email.replyTo) }),
      },
      readError: readResendError,
    });
    const accepted = (await response.json().catch(() => ({}))) as { id?: string };
    return { provider: this.provider, messageId: accepted.id };
  }
}

/** Resend errors are `{ statusCode, name, message }`. */
function readResendError(json: unknown): ProviderErrorDetails {
  const error = (json ?? {}) as { name?: unknown; message?: unknown };
  const message = typeof error.message === 'string' ? error.message : undefined;
  const name = typeof error.name === 'string' ? error.name : undefined;
  return {
    message: message && name ? `${message} (${name})` : message,
    // 409 concurrent_idempotent_requests: the same key is still being sent by another attempt; Resend documents it as safe to retry later.
    transient: name === 'concurrent_idempotent_requests' ? true : undefined,
  };
}
