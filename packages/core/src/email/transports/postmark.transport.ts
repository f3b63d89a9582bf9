import { formatMailbox } from '../email-address';
import type { OutgoingEmail } from '../email-message';
import type { DeliveryReceipt, EmailTransport } from '../email-transport';
import { postToProvider, type ProviderErrorDetails } from './provider-request';

export const POSTMARK_URL = 'https://api.postmarkapp.com/email';

/**
 * Postmark's `POST /email` on the default transactional stream. Postmark has no idempotency key:
 * what prevents a second delivery is the job table (a job is claimed by one worker and settled
 * COMPLETED once). The job's key goes into `Metadata`, so a duplicate after a lost answer can be
 * found in Postmark's activity and webhooks.
 */
export class PostmarkTransport implements EmailTransport {
  readonly provider = 'Postmark';

  constructor(private readonly serverToken: string) {}

  async send(email: OutgoingEmail): Promise<DeliveryReceipt> {
    const response = await postToProvider({
      provider: this.provider,
      url: POSTMARK_URL,
      headers: { 'X-Postmark-Server-Token': this.serverToken, Accept: 'application/json' },
      body: {
        From: formatMailbox(email.from),
        // Display names with commas are quoted by formatMailbox, so this list splits only between addresses.
        To: email.to.map(formatMailbox).join(', '),
        Subject: email.subject,
        ...(email.html !== undefined && { HtmlBody: email.html }),
        ...(email.text !== undefined && { TextBody: email.text }),
        ...(email.replyTo && { ReplyTo: formatMailbox(email.replyTo) }),
        MessageStream: 'outbound',
        ...(email.idempotencyKey && { Metadata: { idempotency_key: email.idempotencyKey } }),
      },
      readError: readPostmarkError,
    });
    const accepted = (await response.json().catch(() => ({}))) as { MessageID?: string };
    return { provider: this.provider, messageId: accepted.MessageID };
  }
}

/** Postmark errors are `{ ErrorCode, Message }` (HTTP 422 for a message it will not send, 401 for a bad token). */
function readPostmarkError(json: unknown): ProviderErrorDetails {
  const error = (json ?? {}) as { ErrorCode?: unknown; Message?: unknown };
  if (typeof error.Message !== 'string') return {};
  return { message: typeof error.ErrorCode === 'number' ? `${error.Message} (ErrorCode ${error.ErrorCode})` : error.Message };
}
