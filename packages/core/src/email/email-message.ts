import type { Mailbox } from './email-address';

/** A rendered, checked email as a transport receives it: every address parsed, every header field one line. */
export type OutgoingEmail = {
  from: Mailbox;
  to: Mailbox[];
  replyTo?: Mailbox;
  subject: string;
  html?: string;
  text?: string;
  /** The template it was rendered from, for the dev mailbox and logs. */
  template?: string;
  /** The same on every retry of the job that sends it (`job:<id>:email:<n>`); absent outside a job. */
  idempotencyKey?: string;
};
