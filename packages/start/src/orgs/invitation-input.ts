import { emailAddressError, normalizeEmail } from '../auth/email-address';

/** The invitee's address: a valid email, trimmed and lower-cased. */
export function parseInviteeEmail(value: unknown): { ok: true; email: string } | { ok: false; message: string } {
  const error = emailAddressError(value, 'Enter the email address of the person to invite.');
  if (error) return { ok: false, message: error };
  return { ok: true, email: normalizeEmail(value as string) };
}
