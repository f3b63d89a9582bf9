import type { EmailTemplate } from '../email-template';
import { html } from '../safe-html';

export type WelcomeEmailData = {
  /** Who to greet; "there" when missing. */
  name?: string | null;
  /** The product, for the subject and the first line. */
  appName?: string;
  /** An http(s) link for a "Get started" button. */
  actionUrl?: string;
};

/** The built-in `welcome` email. An app replaces it by registering its own template named "welcome". */
export const welcomeTemplate: EmailTemplate<WelcomeEmailData> = {
  name: 'welcome',
  subject: ({ appName }) => (appName ? `Welcome to ${appName}!` : 'Welcome!'),
  html: (data) => {
    const { name, appName, link } = read(data);
    return html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0;padding:24px;background:#f5f6f8;color:#1d2330;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">
<div style="max-width:520px;margin:0 auto;padding:32px;background:#ffffff;border-radius:12px">
<h1 style="margin:0 0 16px;font-size:22px">${appName ? html`Welcome to ${appName}!` : 'Welcome!'}</h1>
<p>Hi ${name},</p>
<p>Thanks for signing up. Your account is ready.</p>
${link && html`<p><a href="${link}" style="display:inline-block;padding:10px 18px;background:#3757d6;color:#ffffff;border-radius:8px;text-decoration:none;font-weight:600">Get started</a></p>`}
</div>
</body>
</html>`;
  },
  text: (data) => {
    const { name, appName, link } = read(data);
    return [appName ? `Welcome to ${appName}!` : 'Welcome!', '', `Hi ${name},`, '', 'Thanks for signing up. Your account is ready.', ...(link ? ['', `Get started: ${link}`] : [])].join('\n');
  },
};

function read(data: WelcomeEmailData) {
  const name = typeof data.name === 'string' && data.name.trim() ? data.name.trim() : 'there';
  const appName = typeof data.appName === 'string' && data.appName.trim() ? data.appName.trim() : undefined;
  // Only web links: a "javascript:" URL in an href would survive HTML escaping.
  const link = typeof data.actionUrl === 'string' && /^https?:\/\//i.test(data.actionUrl) ? data.actionUrl : undefined;
  return { name, appName, link };
}
