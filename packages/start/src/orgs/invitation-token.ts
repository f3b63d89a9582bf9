import { NonRetryableError } from '@cruzjs/core/jobs';
import { bytesToBase64 } from '../auth/bytes';

/** AUTH_SECRET must be at least this long (in characters): 32 random characters or more. */
export const AUTH_SECRET_MIN_LENGTH = 32;

/** The worker env as the invitation code reads it: AUTH_SECRET is a secret (`wrangler secret put AUTH_SECRET`). */
export type AuthSecretEnv = { AUTH_SECRET?: unknown };

/**
 * AUTH_SECRET is missing or too short. A deployment problem, not the user's: inviting answers 500 and
 * the log says what to run. An email job that meets it is DEAD at once (retrying cannot set a secret).
 */
export class AuthSecretError extends NonRetryableError {
  constructor(problem: 'missing' | 'short') {
    super(
      (problem === 'missing' ? 'AUTH_SECRET is not set' : `AUTH_SECRET is shorter than ${AUTH_SECRET_MIN_LENGTH} characters`) +
        ': invitation links are derived from it. Set it with `npx wrangler secret put AUTH_SECRET` ' +
        '(a random value, e.g. the output of `openssl rand -base64 48`); for local development put AUTH_SECRET in .dev.vars.',
    );
    this.name = 'AuthSecretError';
  }
}

/** The AUTH_SECRET setting, or an AuthSecretError naming the variable and the command that sets it. */
export function readAuthSecret(env: AuthSecretEnv): string {
  const secret = env.AUTH_SECRET;
  if (typeof secret !== 'string' || secret.trim() === '') throw new AuthSecretError('missing');
  if (secret.length < AUTH_SECRET_MIN_LENGTH) throw new AuthSecretError('short');
  return secret;
}

/**
 * The token of an invitation's link: HMAC-SHA-256(AUTH_SECRET, "invitation:" + invitationId), base64url
 * without padding (43 characters). It is the same on every run of the email job, so a retried email is
 * byte for byte the first one (a provider's idempotency key recognizes it), and it is never stored:
 * the Invitation row keeps its SHA-256 only. A new invitation has a new id, hence a new token.
 */
export async function invitationToken(secret: string, invitationId: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`invitation:${invitationId}`)));
  return bytesToBase64(mac).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
