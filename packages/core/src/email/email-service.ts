import { parseMailbox, parseMailboxList, type EmailAddressInput, type Mailbox } from './email-address';
import { readEmailConfig, type EmailConfig, type EmailEnv } from './email-config';
import { EmailConfigError, InvalidEmailError } from './email-errors';
import type { OutgoingEmail } from './email-message';
import type { EmailTemplateData } from './email-template';
import type { EmailTemplateRegistry } from './email-template-registry';
import type { DeliveryReceipt, EmailTransport } from './email-transport';
import type { DevMailbox } from './dev-mailbox';
import { assertHeaderSafe } from './header-field';
import { IdempotencyKeys } from './idempotency-key';
import { ConsoleTransport } from './transports/console.transport';
import { PostmarkTransport } from './transports/postmark.transport';
import { ResendTransport } from './transports/resend.transport';
import { SendGridTransport } from './transports/sendgrid.transport';

export type SendEmailInput = {
  /** One address or several: `jane@example.com`, `Jane <jane@example.com>` or `{ email, name }`. */
  to: EmailAddressInput | EmailAddressInput[];
  /** Defaults to the template's subject. */
  subject?: string;
  /** A registered template's name, e.g. 'welcome'. */
  template?: string;
  /** What the template reads. Every value is HTML-escaped in the HTML part. */
  data?: EmailTemplateData;
  /** Defaults to EMAIL_FROM. */
  from?: EmailAddressInput;
  replyTo?: EmailAddressInput;
  /** Plain text; replaces the template's. */
  text?: string;
  /** Your own HTML, used as it is; replaces the template's. */
  html?: string;
};

export type SentEmail = DeliveryReceipt & { idempotencyKey?: string };

/** Shown as the sender of console emails when EMAIL_FROM is not set (`.invalid` is reserved for exactly this). */
const CONSOLE_SENDER: Mailbox = { email: 'dev@mailbox.invalid', name: 'CruzJS dev mailbox' };

/**
 * Sends email through the provider set by EMAIL_PROVIDER. Renders the template, checks every address
 * and header field before anything leaves the worker, then hands the message to the transport.
 * Failures are thrown classified: transient ones retry the job, permanent ones make it DEAD at once.
 */
export class EmailService {
  private configured?: { config: EmailConfig; transport: EmailTransport };
  private readonly keys = new IdempotencyKeys();

  constructor(
    private readonly env: EmailEnv,
    private readonly templates: EmailTemplateRegistry,
    private readonly mailbox?: DevMailbox,
  ) {}

  async send(input: SendEmailInput): Promise<SentEmail> {
    const idempotencyKey = this.keys.next();
    const { config, transport } = this.configure();
    const receipt = await transport.send(this.compose(input, config, idempotencyKey));
    return idempotencyKey ? { ...receipt, idempotencyKey } : receipt;
  }

  /** Read at the first send, not at start-up: a missing setting must not take the rest of the app down. */
  private configure() {
    if (!this.configured) {
      const config = readEmailConfig(this.env);
      this.configured = { config, transport: this.createTransport(config) };
    }
    return this.configured;
  }

  private createTransport({ provider, apiKey }: EmailConfig): EmailTransport {
    switch (provider) {
      case 'resend':
        return new ResendTransport(apiKey!);
      case 'postmark':
        return new PostmarkTransport(apiKey!);
      case 'sendgrid':
        return new SendGridTransport(apiKey!);
      case 'console':
        return new ConsoleTransport(this.mailbox);
    }
  }

  private compose(input: SendEmailInput, config: EmailConfig, idempotencyKey: string | undefined): OutgoingEmail {
    if (!input || typeof input !== 'object') throw new InvalidEmailError('send() takes { to, subject, template, data } (or html/text instead of a template).');
    if (input.data !== undefined && (typeof input.data !== 'object' || input.data === null || Array.isArray(input.data))) {
      throw new InvalidEmailError('The email\'s data must be an object of template values.');
    }
    const rendered = input.template === undefined ? undefined : this.templates.render(input.template, input.data ?? {});
    const subject = input.subject ?? rendered?.subject;
    if (typeof subject !== 'string' || subject.trim() === '') {
      throw new InvalidEmailError(
        input.template === undefined ? 'The email has no subject.' : `The email has no subject and template "${input.template}" gives none: pass subject.`,
      );
    }
    assertHeaderSafe(subject, 'subject');
    const html = input.html ?? rendered?.html;
    const text = input.text ?? rendered?.text;
    if (html === undefined && text === undefined) throw new InvalidEmailError('The email has no content: name a template, or give html or text.');

    return {
      from: this.sender(input.from, config),
      to: parseMailboxList(input.to, 'recipient'),
      ...(input.replyTo !== undefined && { replyTo: parseMailbox(input.replyTo, 'reply-to address') }),
      subject,
      ...(html !== undefined && { html }),
      ...(text !== undefined && { text }),
      ...(input.template !== undefined && { template: input.template }),
      ...(idempotencyKey && { idempotencyKey }),
    };
  }

  private sender(from: EmailAddressInput | undefined, config: EmailConfig): Mailbox {
    if (from !== undefined) return parseMailbox(from, 'sender');
    if (config.from) return config.from;
    if (config.provider === 'console') return CONSOLE_SENDER;
    throw new EmailConfigError(
      `EMAIL_PROVIDER is "${config.provider}" but EMAIL_FROM is not set: add EMAIL_FROM = "Your App <hello@your-domain.com>" to [vars] in wrangler.toml (or pass from to send()).`,
    );
  }
}
