import { formatDisplayName, type Mailbox } from '../email-address';
import type { OutgoingEmail } from '../email-message';
import type { DeliveryReceipt, EmailTransport } from '../email-transport';
import { postToProvider, type ProviderErrorDetails } from './provider-request';

export const SENDGRID_URL = 'https://api.sendgrid.com/v3/mail/send';

/**
 * SendGrid's v3 `POST /mail/send` (answers 202). SendGrid has no idempotency key: what prevents a
 * second delivery is the job table (claimed by one worker, settled COMPLETED once). The job's key goes
 * into `custom_args`, so a duplicate after a lost answer can be found in SendGrid's event webhook.
 */
export class SendGridTransport implements EmailTransport {
  readonly provider = 'SendGrid';

  constructor(private readonly apiKey: string) {}

  async send(email: OutgoingEmail): Promise<DeliveryReceipt> {
    const response = await postToProvider({
      provider: this.provider,
      url: SENDGRID_URL,
      headers: { Authorization: `Bearer ${this.apiKey}` },
      body: {
        personalizations: [{ to: email.to.map(recipient) }],
        from: sender(email.from),
        ...(email.replyTo && { reply_to: sender(email.replyTo) }),
        subject: email.subject,
        // SendGrid requires text/plain before text/html.
        content: [
          ...(email.text !== undefined ? [{ type: 'text/plain', value: email.text }] : []),
          ...(email.html !== undefined ? [{ type: 'text/html', value: email.html }] : []),
        ],
        ...(email.idempotencyKey && { custom_args: { idempotency_key: email.idempotencyKey } }),
      },
      readError: readSendGridError,
    });
    return { provider: this.provider, messageId: response.headers.get('X-Message-Id') ?? undefined };
  }
}

/** from and reply_to names are encoded by SendGrid itself. */
function sender(mailbox: Mailbox) {
  return mailbox.name ? { email: mailbox.email, name: mailbox.name } : { email: mailbox.email };
}

/**
 * Recipient names are pasted into the To header as they are: SendGrid documents that they may not
 * contain "," or ";" (the message is then dropped or sent to part of the name). Its own client
 * libraries send such names as a quoted-string, and so do we, for every name that is not plain words.
 */
function recipient(mailbox: Mailbox) {
  return mailbox.name ? { email: mailbox.email, name: formatDisplayName(mailbox.name) } : { email: mailbox.email };
}

/** SendGrid errors are `{ errors: [{ message, field, help }] }`. */
function readSendGridError(json: unknown): ProviderErrorDetails {
  const errors = (json as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return {};
  const messages = errors
    .filter((e): e is { message: string; field?: unknown } => typeof e?.message === 'string')
    .map((e) => (typeof e.field === 'string' && e.field ? `${e.field}: ${e.message}` : e.message));
  return { message: messages.join('; ') || undefined };
}
