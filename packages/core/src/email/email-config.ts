import { parseMailbox, type Mailbox } from './email-address';
import { EmailConfigError } from './email-errors';

export const EMAIL_PROVIDERS = ['resend', 'postmark', 'sendgrid', 'console'] as const;
export type EmailProviderName = (typeof EMAIL_PROVIDERS)[number];

/** The worker vars and secrets email reads ([vars] in wrangler.toml, `wrangler secret put`, .dev.vars locally). */
export type EmailEnv = {
  /** resend | postmark | sendgrid | console (the default). */
  EMAIL_PROVIDER?: string;
  /** The provider's API key (Postmark: the server token). A secret: never in wrangler.toml. */
  EMAIL_API_KEY?: string;
  /** The default sender, e.g. `My Todos <hello@example.com>`. */
  EMAIL_FROM?: string;
  /** "on" only under `cruz dev` (vite.config.ts): console emails are kept and shown at /dev/mail. */
  CRUZ_DEV_MAILBOX?: string;
};

export type EmailConfig = { provider: EmailProviderName; apiKey?: string; from?: Mailbox };

/** Reads and checks the email settings; a problem is an EmailConfigError naming the variable to fix. */
export function readEmailConfig(env: EmailEnv): EmailConfig {
  const provider = (setting(env.EMAIL_PROVIDER) ?? 'console').toLowerCase();
  if (!isProvider(provider)) {
    throw new EmailConfigError(`EMAIL_PROVIDER must be one of ${EMAIL_PROVIDERS.join(', ')}; it is "${env.EMAIL_PROVIDER}".`);
  }
  const apiKey = setting(env.EMAIL_API_KEY);
  if (provider !== 'console' && !apiKey) {
    throw new EmailConfigError(
      `EMAIL_PROVIDER is "${provider}" but EMAIL_API_KEY is not set: run \`wrangler secret put EMAIL_API_KEY\` (for local development, put it in .dev.vars).`,
    );
  }
  const fromSetting = setting(env.EMAIL_FROM);
  let from: Mailbox | undefined;
  if (fromSetting) {
    try {
      from = parseMailbox(fromSetting, 'sender');
    } catch (error) {
      throw new EmailConfigError(`EMAIL_FROM is not a usable sender address: ${(error as Error).message}`);
    }
  }
  return { provider, apiKey, from };
}

export function isDevMailboxOn(env: EmailEnv): boolean {
  return env.CRUZ_DEV_MAILBOX === 'on';
}

/** An unset or blank variable counts as not configured. */
function setting(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isProvider(value: string): value is EmailProviderName {
  return (EMAIL_PROVIDERS as readonly string[]).includes(value);
}
