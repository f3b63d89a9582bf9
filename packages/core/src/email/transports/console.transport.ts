import { formatMailbox } from '../email-address';
import type { DevMailbox } from '../dev-mailbox';
import type { OutgoingEmail } from '../email-message';
import type { DeliveryReceipt, EmailTransport } from '../email-transport';

/**
 * EMAIL_PROVIDER=console (the default): prints one line per email instead of sending it. Under
 * `cruz dev` the email also goes to the dev mailbox, readable at /dev/mail.
 */
export class ConsoleTransport implements EmailTransport {
  readonly provider = 'console';
  private warned = false;

  constructor(private readonly mailbox?: DevMailbox) {}

  async send(email: OutgoingEmail): Promise<DeliveryReceipt> {
    const summary = `"${email.subject}" to ${email.to.map(formatMailbox).join(', ')} from ${formatMailbox(email.from)}`;
    if (this.mailbox) {
      const entry = this.mailbox.add(email);
      console.log(`[email] ${summary} (read it at /dev/mail/${entry.id})`);
      return { provider: this.provider, messageId: entry.id };
    }
    if (!this.warned) {
      // Outside the dev server this usually means a deployed app that forgot its email settings.
      console.warn('[email] EMAIL_PROVIDER is "console": emails are printed here, not delivered. Set EMAIL_PROVIDER, EMAIL_FROM and the EMAIL_API_KEY secret to send them.');
      this.warned = true;
    }
    console.log(`[email] not sent (console): ${summary}`);
    return { provider: this.provider };
  }
}
