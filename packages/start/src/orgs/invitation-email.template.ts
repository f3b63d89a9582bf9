import { html, type EmailTemplate } from '@cruzjs/core/email';

export const INVITATION_EMAIL_TEMPLATE = 'org-invitation';

export type InvitationEmailData = {
  orgName: string;
  /** The inviter's name, or their email when they gave no name. */
  invitedBy: string;
  /** The accept link: https://<app>/invitations/<token>. */
  acceptUrl: string;
  /** When the link stops working. */
  expiresAt: Date;
};

/** "Alice invited you to join Acme": a button to the accept page, and when the link expires. */
export const invitationEmailTemplate: EmailTemplate<InvitationEmailData> = {
  name: INVITATION_EMAIL_TEMPLATE,
  subject: ({ invitedBy, orgName }) => `${invitedBy} invited you to join ${orgName}`,
  html: (data) => {
    const { orgName, invitedBy, link, expires } = read(data);
    return html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0;padding:24px;background:#f5f6f8;color:#1d2330;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">
<div style="max-width:520px;margin:0 auto;padding:32px;background:#ffffff;border-radius:12px">
<h1 style="margin:0 0 16px;font-size:22px">Join ${orgName}</h1>
<p><strong>${invitedBy}</strong> invited you to share the todo list of <strong>${orgName}</strong>.</p>
${link && html`<p><a href="${link}" style="display:inline-block;padding:10px 18px;background:#3757d6;color:#ffffff;border-radius:8px;text-decoration:none;font-weight:600">Join ${orgName}</a></p>`}
<p style="color:#5b6475;font-size:14px">The link works once and expires on ${expires}. If you did not expect this invitation, you can ignore this email.</p>
</div>
</body>
</html>`;
  },
  text: (data) => {
    const { orgName, invitedBy, link, expires } = read(data);
    return [
      `Join ${orgName}`,
      '',
      `${invitedBy} invited you to share the todo list of ${orgName}.`,
      ...(link ? ['', `Accept the invitation: ${link}`] : []),
      '',
      `The link works once and expires on ${expires}. If you did not expect this invitation, you can ignore this email.`,
    ].join('\n');
  },
};

function read(data: InvitationEmailData) {
  // Only web links: a "javascript:" URL in an href would survive HTML escaping.
  const link = /^https?:\/\//i.test(data.acceptUrl) ? data.acceptUrl : undefined;
  const expires = new Date(data.expiresAt).toUTCString().replace(/:\d\d GMT$/, ' UTC');
  return { orgName: data.orgName, invitedBy: data.invitedBy, link, expires };
}
