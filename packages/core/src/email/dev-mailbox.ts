import type { Clock } from '../jobs/clock';
import type { OutgoingEmail } from './email-message';

export const DEV_MAILBOX_CAPACITY = 50;

export type MailboxEntry = { id: string; receivedAt: Date; email: OutgoingEmail };

/**
 * The emails the console transport "sent" while `cruz dev` runs, kept in this worker's memory (jobs run
 * in the same isolate in dev) and shown at /dev/mail. Only the newest ones are kept, so it cannot grow.
 * It exists only when CRUZ_DEV_MAILBOX is "on", which only the dev server sets.
 */
export class DevMailbox {
  private readonly entries: MailboxEntry[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly capacity = DEV_MAILBOX_CAPACITY,
  ) {}

  add(email: OutgoingEmail): MailboxEntry {
    const entry = { id: crypto.randomUUID().slice(0, 8), receivedAt: this.clock.now(), email };
    this.entries.unshift(entry);
    this.entries.length = Math.min(this.entries.length, this.capacity);
    return entry;
  }

  /** Newest first. */
  list(): readonly MailboxEntry[] {
    return this.entries;
  }

  get(id: string): MailboxEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }
}
