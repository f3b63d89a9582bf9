export const EMAIL_MAX = 254;

// local@domain.tld: no spaces, one @, a dot in the domain, labels of letters, digits and hyphens.
const EMAIL_PATTERN = /^[^\s@"<>()[\]\\,;:]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/** Emails are compared trimmed and lower-cased everywhere (accounts, invitations). */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Why `value` (a form or JSON field) is not a usable email address, or null when it is. */
export function emailAddressError(value: unknown, emptyMessage = 'Enter an email address.'): string | null {
  if (value !== undefined && typeof value !== 'string') return 'Email must be text.';
  const email = normalizeEmail(value ?? '');
  if (email === '') return emptyMessage;
  if (email.length > EMAIL_MAX) return `Email must be at most ${EMAIL_MAX} characters.`;
  if (!EMAIL_PATTERN.test(email)) return 'Enter a valid email address, like jane@example.com.';
  return null;
}
