import type { DevMailbox, MailboxEntry } from './dev-mailbox';
import { formatMailbox } from './email-address';
import type { OutgoingEmail } from './email-message';
import { html, rawHtml, type SafeHtml } from './safe-html';

const ROOT = '/dev/mail';

const STYLE = `body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f5f6f8;color:#1d2330}
main{max-width:960px;margin:32px auto;padding:24px 32px;background:#fff;border-radius:12px}h1{font-size:1.4rem;margin:0 0 16px}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:8px;border-bottom:1px solid #e3e6ec;vertical-align:top}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:#5b6475}dd{margin:0}a{color:#3757d6}
iframe{width:100%;height:60vh;border:1px solid #c9ced8;border-radius:8px;background:#fff}pre{white-space:pre-wrap;background:#f5f6f8;padding:12px;border-radius:8px}
.empty{color:#5b6475}`;

/**
 * GET /dev/mail (newest first) and GET /dev/mail/:id (one email, its HTML in a sandboxed frame).
 * Returns undefined for any other path. Only reachable when the dev mailbox exists (cruz dev).
 */
export function serveDevMailbox(request: Request, url: URL, mailbox: DevMailbox): Response | undefined {
  if (url.pathname !== ROOT && !url.pathname.startsWith(`${ROOT}/`)) return undefined;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('The dev mailbox is read-only.', { status: 405, headers: { Allow: 'GET, HEAD' } });
  }
  const id = decodeSegment(url.pathname.slice(ROOT.length).replace(/^\/+|\/+$/g, ''));
  if (id === '') return page('Dev mailbox', listView(mailbox.list()));
  const entry = mailbox.get(id);
  if (!entry) return page('Not in the dev mailbox', html`<p>No email with id ${id} (the mailbox keeps the latest emails in memory until the dev server restarts).</p><p><a href="${ROOT}">All emails</a></p>`, 404);
  return page(entry.email.subject, messageView(entry));
}

function listView(entries: readonly MailboxEntry[]): SafeHtml {
  if (entries.length === 0) return html`<p class="empty">No emails yet. Emails sent while EMAIL_PROVIDER is "console" appear here.</p>`;
  return html`<table>
<thead><tr><th>Received</th><th>To</th><th>Subject</th><th>Template</th></tr></thead>
<tbody>${entries.map(
    (entry) => html`<tr data-id="${entry.id}"><td>${entry.receivedAt.toISOString()}</td><td>${recipients(entry.email)}</td><td><a href="${ROOT}/${entry.id}">${entry.email.subject}</a></td><td>${entry.email.template ?? ''}</td></tr>`,
  )}</tbody>
</table>`;
}

function messageView({ email, receivedAt }: MailboxEntry): SafeHtml {
  // The email's own HTML runs in an opaque, script-less frame; <base> makes its links open a new tab.
  const frame = email.html === undefined ? undefined : `<base target="_blank">${email.html}`;
  return html`<p><a href="${ROOT}">All emails</a></p>
<dl>
<dt>From</dt><dd>${formatMailbox(email.from)}</dd>
<dt>To</dt><dd>${recipients(email)}</dd>
${email.replyTo && html`<dt>Reply-To</dt><dd>${formatMailbox(email.replyTo)}</dd>`}
<dt>Subject</dt><dd>${email.subject}</dd>
${email.template && html`<dt>Template</dt><dd>${email.template}</dd>`}
${email.idempotencyKey && html`<dt>Idempotency key</dt><dd>${email.idempotencyKey}</dd>`}
<dt>Received</dt><dd>${receivedAt.toISOString()}</dd>
</dl>
${frame !== undefined && html`<h2>HTML</h2><iframe title="HTML part" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${frame}"></iframe>`}
${email.text !== undefined && html`<h2>Text</h2><pre>${email.text}</pre>`}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function recipients(email: OutgoingEmail): string {
  return email.to.map(formatMailbox).join(', ');
}

function page(title: string, body: SafeHtml, status = 200): Response {
  const markup = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,"><style>${rawHtml(STYLE)}</style></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;
  return new Response(markup.value, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // No scripts anywhere; the framed email inherits this, so it cannot run any either.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-src 'self'",
    },
  });
}
