import { env } from 'cloudflare:test';
import { vi } from 'vitest';
import { EmailService, type SendEmailInput } from '@cruzjs/core/email';
import type { TestApp } from './test-app';
import { uniqueEmail } from './test-app';

export const PASSWORD = 'password123';

export type SignedInUser = { id: string; email: string; name: string; cookie: string; personalOrgId: string };

/** Registers someone through the real endpoint and keeps their session cookie. */
export async function signUp(app: TestApp, name = 'Jane', email = uniqueEmail(name.toLowerCase())): Promise<SignedInUser> {
  const response = await app.postJson('/auth/register', { email, password: PASSWORD, name });
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  const { id } = await response.json<{ id: string }>();
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0];
  const org = await env.DB.prepare('SELECT o.id FROM Organization o JOIN Membership m ON m.orgId = o.id WHERE m.userId = ? AND o.personal = 1')
    .bind(id)
    .first<{ id: string }>();
  return { id, email, name, cookie, personalOrgId: org!.id };
}

/** The Session row's key for this user's cookie (the database keeps only the token's SHA-256). */
export async function sessionTokenHash(user: SignedInUser): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(user.cookie.split('=')[1]));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Points the user's session at any organization, as a stale or tampered session would. */
export async function setSessionOrg(user: SignedInUser, orgId: string): Promise<void> {
  await env.DB.prepare('UPDATE Session SET activeOrgId = ? WHERE tokenHash = ?').bind(orgId, await sessionTokenHash(user)).run();
}

export type ApiAnswer = { status: number; body: any };

/** Calls the JSON API as `user` (or signed out with null) and waits for the background work it started. */
export async function callApi(app: TestApp, user: SignedInUser | null, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (user) headers.Cookie = user.cookie;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const { response, settled } = await app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  await settled;
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Creates an organization owned by `user` and makes it their active one. */
export async function createOrg(app: TestApp, user: SignedInUser, name = 'Acme'): Promise<string> {
  const created = await callApi(app, user, 'POST', '/api/orgs', { name });
  if (created.status !== 201) throw new Error(`org creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  await callApi(app, user, 'POST', `/api/orgs/${created.body.org.id}/switch`);
  return created.body.org.id;
}

/** Invites `email` into the org and returns the accept link from the email the invitation job sent. */
export async function inviteAndReadLink(app: TestApp, owner: SignedInUser, orgId: string, email: string): Promise<{ answer: ApiAnswer; link: string; token: string }> {
  const sent = spyOnSentEmails();
  const answer = await callApi(app, owner, 'POST', `/api/orgs/${orgId}/invitations`, { email });
  sent.stop();
  const invitee = email.trim().toLowerCase();
  const invitation = sent.emails.find((e) => e.to === invitee && e.template === 'org-invitation');
  if (!invitation) throw new Error(`no invitation email was sent to ${invitee} (status ${answer.status}: ${JSON.stringify(answer.body)})`);
  const link = String(invitation.data?.acceptUrl);
  return { answer, link, token: link.split('/invitations/')[1] };
}

/** Records what EmailService is asked to send (it still renders and "sends" through the console transport, quietly). */
export function spyOnSentEmails() {
  const emails: SendEmailInput[] = [];
  const send = EmailService.prototype.send;
  const spy = vi.spyOn(EmailService.prototype, 'send').mockImplementation(async function (this: EmailService, input: SendEmailInput) {
    emails.push(input);
    return send.call(this, input);
  });
  const quiet = [vi.spyOn(console, 'log').mockImplementation(() => {}), vi.spyOn(console, 'warn').mockImplementation(() => {})];
  return {
    emails,
    stop() {
      spy.mockRestore();
      quiet.forEach((q) => q.mockRestore());
    },
  };
}

/** Invites and accepts: `invitee` becomes a member of `orgId`, which becomes their active organization. */
export async function join(app: TestApp, owner: SignedInUser, orgId: string, invitee: SignedInUser): Promise<void> {
  const { token } = await inviteAndReadLink(app, owner, orgId, invitee.email);
  const accepted = await callApi(app, invitee, 'POST', `/api/invitations/${token}/accept`);
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
}
