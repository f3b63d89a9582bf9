import { singleLineTextProblem } from '@cruzjs/core/text';
import { EMAIL_MAX, emailAddressError, normalizeEmail } from './email-address';

export type FieldErrors = Partial<Record<'email' | 'password' | 'name', string>>;

export type RegistrationInput = { email: string; password: string; name: string | null };

export { EMAIL_MAX };
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 100;

/** Checks registration fields; the email is trimmed and lower-cased, the name kept as typed. */
export function parseRegistration(fields: Record<string, unknown>): { ok: true; value: RegistrationInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const email = typeof fields.email === 'string' ? normalizeEmail(fields.email) : '';
  const password = typeof fields.password === 'string' ? fields.password : '';
  const rawName = fields.name;

  const emailError = emailAddressError(fields.email, 'Enter your email address.');
  if (emailError) errors.email = emailError;

  if (fields.password !== undefined && typeof fields.password !== 'string') errors.password = 'Password must be text.';
  else if (password.length < PASSWORD_MIN) errors.password = `Password must be at least ${PASSWORD_MIN} characters.`;
  else if (password.length > PASSWORD_MAX) errors.password = `Password must be at most ${PASSWORD_MAX} characters.`;

  let name: string | null = null;
  if (rawName !== undefined && rawName !== null && typeof rawName !== 'string') errors.name = 'Name must be text.';
  else if (typeof rawName === 'string' && rawName.trim() !== '') {
    const problem = singleLineTextProblem(rawName);
    if (problem) errors.name = `Name ${problem}.`;
    else if ([...rawName].length > NAME_MAX) errors.name = `Name must be at most ${NAME_MAX} characters.`;
    name = rawName;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { email, password, name } };
}

/** The first field with an error, for JSON answers that name one field. */
export function firstError(errors: FieldErrors): { field: string; message: string } {
  const [field, message] = Object.entries(errors)[0] as [string, string];
  return { field, message };
}
