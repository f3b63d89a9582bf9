import { EMAIL_ADDRESS_MAX, EMAIL_LOCAL_PART_MAX, emailAddressProblem, type EmailAddressProblem } from '@cruzjs/core/email';

export const EMAIL_MAX = EMAIL_ADDRESS_MAX;

const INVALID = 'Enter a valid email address, like jane@example.com.';
const TOO_LONG = `Email must be at most ${EMAIL_MAX} characters.`;

/** What the person typing sees for each rule the email layer applies (see emailAddressProblem). */
const MESSAGES: Partial<Record<EmailAddressProblem['code'], string>> = {
  'control-character': 'Enter a valid email address: it contains an invisible control character.',
  'local-part-non-ascii':
    'Enter a valid email address: before the @, use only unaccented letters (a–z), digits and symbols such as . _ + - (no accents, other scripts or invisible characters).',
  'local-part-dots': 'Enter a valid email address: the part before the @ cannot start or end with a dot, or have two dots in a row.',
  'local-part-too-long': `Enter a valid email address: the part before the @ may have at most ${EMAIL_LOCAL_PART_MAX} characters.`,
  'domain-label-too-long': 'Enter a valid email address: each part of the domain between dots may have at most 63 characters.',
  // Reached only by internationalized domains, whose encoded (punycode) form is longer than what was typed.
  'domain-too-long': `${TOO_LONG.slice(0, -1)} once its domain is encoded for sending.`,
  'too-long': `${TOO_LONG.slice(0, -1)} once its domain is encoded for sending.`,
};

/**
 * Emails are compared trimmed and lower-cased everywhere (accounts, invitations), and stored that way:
 * an internationalized domain is kept as typed (`jane@bücher.example`, lower-cased); the email layer
 * sends to its punycode form (`jane@xn--bcher-kva.example`).
 */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * Why `value` (a form or JSON field) is not a usable email address, or null when it is. Beyond the
 * basics (text, not empty, at most 254 characters), an address passes only if the email layer can send
 * to it (`emailAddressProblem` from @cruzjs/core/email, the rules every transport applies), so an
 * account or invitation is never created for an address its emails would be refused for.
 */
export function emailAddressError(value: unknown, emptyMessage = 'Enter an email address.'): string | null {
  if (value !== undefined && typeof value !== 'string') return 'Email must be text.';
  const email = normalizeEmail(value ?? '');
  if (email === '') return emptyMessage;
  if (email.length > EMAIL_MAX) return TOO_LONG;
  const problem = emailAddressProblem(email);
  if (problem) return MESSAGES[problem.code] ?? INVALID;
  return null;
}
