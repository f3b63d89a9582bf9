import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StartModule } from '@cruzjs/start';
import { InvitationEmailHandler, invitationEmailTemplate } from '@cruzjs/start';
import { EmailService } from '@cruzjs/core/email';
import { TodosModule } from '../../src/features/todos';
import { createTestApp, ManualClock, ORIGIN, uniqueEmail, type TestApp } from './support/test-app';
import { RecordingQueue } from './support/recording-queue';
import { callApi, createOrg, inviteAndReadLink, signUp, spyOnSentEmails, type SignedInUser } from './support/signed-in-user';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 2, 1, 9);

const sha256Hex = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');
/** HMAC-SHA-256(AUTH_SECRET, "invitation:" + id) in base64url: what the link's token must be. */
async function expectedToken(secret: string, invitationId: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`invitation:${invitationId}`)));
  return btoa(String.fromCharCode(...mac)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const invitationRow = (id: string) => env.DB.prepare('SELECT * FROM Invitation WHERE id = ?').bind(id).first<Record<string, any>>();
const roleOf = (orgId: string, userId: string) =>
  env.DB.prepare('SELECT role FROM Membership WHERE orgId = ? AND userId = ?').bind(orgId, userId).first<{ role: string }>().then((r) => r?.role ?? null);

let clock: ManualClock;
let app: TestApp;
let owner: SignedInUser;
let orgId: string;

beforeEach(async () => {
  clock = new ManualClock(START);
  app = createTestApp([StartModule, TodosModule], { clock });
  owner = await signUp(app, 'Olivia');
  orgId = await createOrg(app, owner, 'Acme');
});

afterEach(() => vi.restoreAllMocks());

describe('inviting someone by email', () => {
  it('writes a member invitation expiring in 7 days; the email job completes with the accept link at the request origin', async () => {
    const email = uniqueEmail('bob');
    const { answer, link, token } = await inviteAndReadLink(app, owner, orgId, `  ${email.toUpperCase()} `);
    expect(answer.status).toBe(201);
    expect(answer.body.invitation).toMatchObject({ email, expiresAt: new Date(START + 7 * DAY).toISOString() });

    const row = await invitationRow(answer.body.invitation.id);
    expect(row).toMatchObject({ orgId, email, role: 'member', invitedById: owner.id, expiresAt: START + 7 * DAY, acceptedAt: null });
    expect(link).toBe(`${ORIGIN}/invitations/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const job = await env.DB.prepare("SELECT * FROM Job WHERE type = 'orgs/invitation-email' AND json_extract(payload, '$.invitationId') = ?")
      .bind(row!.id)
      .first<Record<string, any>>();
    expect(job).toMatchObject({ status: 'COMPLETED' });
    expect(JSON.parse(job!.summary)).toEqual({ recipient: email, orgId });
  });

  it('keeps only the SHA-256 of the token: the token is in no table, the Job table included', async () => {
    const { answer, token } = await inviteAndReadLink(app, owner, orgId, uniqueEmail('bob'));
    const row = await invitationRow(answer.body.invitation.id);
    expect(row!.tokenHash).toBe(await sha256Hex(token));
    for (const [table, column] of [['Invitation', 'tokenHash'], ['Job', 'payload'], ['Job', 'summary']]) {
      const hits = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} LIKE ?`).bind(`%${token}%`).first<{ n: number }>();
      expect(hits!.n, `${table}.${column}`).toBe(0);
    }
  });

  it('invites an address on an internationalized domain: stored as typed (lower-cased), and its email job completes', async () => {
    const { answer } = await inviteAndReadLink(app, owner, orgId, `Bob-${crypto.randomUUID().slice(0, 8)}@Bücher.example`);
    expect(answer.status).toBe(201);
    const stored = answer.body.invitation.email as string;
    expect(stored).toMatch(/^bob-[0-9a-f]{8}@bücher\.example$/);
    const job = await env.DB.prepare("SELECT status, summary FROM Job WHERE type = 'orgs/invitation-email' AND json_extract(payload, '$.invitationId') = ?")
      .bind(answer.body.invitation.id)
      .first<Record<string, any>>();
    expect(job!.status).toBe('COMPLETED');
    expect(JSON.parse(job!.summary).recipient).toBe(stored);
  });

  it('builds the link on APP_URL when the worker sets it', async () => {
    const configured = createTestApp([StartModule, TodosModule], { clock, envOverrides: { APP_URL: 'https://todos.example.com' } });
    const { link } = await inviteAndReadLink(configured, owner, orgId, uniqueEmail('bob'));
    expect(link).toMatch(/^https:\/\/todos\.example\.com\/invitations\/[A-Za-z0-9_-]{43}$/);
  });

  it('replaces a pending invitation for the same address: the older link stops working', async () => {
    const email = uniqueEmail('bob');
    const first = await inviteAndReadLink(app, owner, orgId, email);
    const second = await inviteAndReadLink(app, owner, orgId, email);
    expect(second.token).not.toBe(first.token); // a new invitation id, a new token
    const bob = await signUp(app, 'Bob', email);
    expect((await callApi(app, bob, 'POST', `/api/invitations/${first.token}/accept`)).status).toBe(410);
    expect((await callApi(app, bob, 'POST', `/api/invitations/${second.token}/accept`)).status).toBe(200);
    const pending = await env.DB.prepare('SELECT COUNT(*) AS n FROM Invitation WHERE orgId = ? AND acceptedAt IS NULL AND expiresAt > ?').bind(orgId, START).first<{ n: number }>();
    expect(pending!.n).toBe(0);
  });

  const refused: [string, () => Promise<{ user: SignedInUser | null; org: string; body: unknown }>, number, string | null][] = [
    ['without a session', async () => ({ user: null, org: orgId, body: { email: uniqueEmail() } }), 401, null],
    ['by a member who is not an owner', async () => ({ user: await memberOf(orgId), org: orgId, body: { email: uniqueEmail() } }), 403, null],
    ['into an organization the user does not belong to', async () => ({ user: await signUp(app, 'Mallory'), org: orgId, body: { email: uniqueEmail() } }), 404, null],
    ['into an organization that does not exist', async () => ({ user: owner, org: 'no-such-org', body: { email: uniqueEmail() } }), 404, null],
    ['for someone already a member', async () => ({ user: owner, org: orgId, body: { email: owner.email } }), 409, 'email'],
    ['with an invalid email', async () => ({ user: owner, org: orgId, body: { email: 'not-an-email' } }), 400, 'email'],
    ['with no email', async () => ({ user: owner, org: orgId, body: {} }), 400, 'email'],
    ['with an email the email layer cannot send to (non-ASCII before the @)', async () => ({ user: owner, org: orgId, body: { email: 'zoë@example.com' } }), 400, 'email'],
    ['with an email the email layer cannot send to (two dots in a row)', async () => ({ user: owner, org: orgId, body: { email: 'bob..smith@example.com' } }), 400, 'email'],
    ['with an email the email layer cannot send to (a 64-character label)', async () => ({ user: owner, org: orgId, body: { email: `bob@${'x'.repeat(64)}.com` } }), 400, 'email'],
    ['with an unknown field', async () => ({ user: owner, org: orgId, body: { email: uniqueEmail(), role: 'owner' } }), 400, 'role'],
  ];
  for (const [label, setUp, status, field] of refused) {
    it(`refuses an invitation ${label} with ${status}, writing no invitation and no job`, async () => {
      const { user, org, body } = await setUp();
      const before = await countInvitationsAndJobs();
      const answer = await callApi(app, user, 'POST', `/api/orgs/${org}/invitations`, body);
      expect(answer.status).toBe(status);
      expect(answer.body.error.field).toBe(field);
      expect(await countInvitationsAndJobs()).toEqual(before);
    });
  }
});

describe('accepting an invitation', () => {
  it('makes the invitee a member and their active organization', async () => {
    const bob = await signUp(app, 'Bob');
    const { token } = await inviteAndReadLink(app, owner, orgId, bob.email);
    const accepted = await callApi(app, bob, 'POST', `/api/invitations/${token}/accept`);
    expect(accepted).toEqual({ status: 200, body: { orgId, orgName: 'Acme' } });
    expect(await roleOf(orgId, bob.id)).toBe('member');
    expect((await callApi(app, bob, 'GET', '/api/orgs')).body.activeOrgId).toBe(orgId);
    const row = await env.DB.prepare('SELECT acceptedAt, acceptedById FROM Invitation WHERE tokenHash = ?').bind(await sha256Hex(token)).first();
    expect(row).toEqual({ acceptedAt: START, acceptedById: bob.id });
  });

  it('works once: a second accept is 410 Gone', async () => {
    const bob = await signUp(app, 'Bob');
    const { token } = await inviteAndReadLink(app, owner, orgId, bob.email);
    expect((await callApi(app, bob, 'POST', `/api/invitations/${token}/accept`)).status).toBe(200);
    const again = await callApi(app, bob, 'POST', `/api/invitations/${token}/accept`);
    expect(again.status).toBe(410);
    expect(again.body.error.message).toMatch(/already been used/);
  });

  it('lets exactly one of two concurrent accepts win', async () => {
    const bob = await signUp(app, 'Bob');
    const { token } = await inviteAndReadLink(app, owner, orgId, bob.email);
    const answers = await Promise.all([1, 2].map(() => callApi(app, bob, 'POST', `/api/invitations/${token}/accept`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    const members = await env.DB.prepare('SELECT COUNT(*) AS n FROM Membership WHERE orgId = ? AND userId = ?').bind(orgId, bob.id).first<{ n: number }>();
    expect(members!.n).toBe(1);
  });

  it('refuses an expired invitation with 410, adding no membership', async () => {
    const bob = await signUp(app, 'Bob');
    const { token } = await inviteAndReadLink(app, owner, orgId, bob.email);
    clock.advance(7 * DAY);
    const answer = await callApi(app, bob, 'POST', `/api/invitations/${token}/accept`);
    expect(answer.status).toBe(410);
    expect(answer.body.error.message).toMatch(/expired/);
    expect(await roleOf(orgId, bob.id)).toBeNull();
  });

  it('accepts one millisecond before expiry', async () => {
    const bob = await signUp(app, 'Bob');
    const { token } = await inviteAndReadLink(app, owner, orgId, bob.email);
    clock.advance(7 * DAY - 1);
    expect((await callApi(app, bob, 'POST', `/api/invitations/${token}/accept`)).status).toBe(200);
  });

  it('refuses someone signed in with another email with 403, leaving the invitation usable', async () => {
    const bob = await signUp(app, 'Bob');
    const eve = await signUp(app, 'Eve');
    const { token } = await inviteAndReadLink(app, owner, orgId, bob.email);
    const answer = await callApi(app, eve, 'POST', `/api/invitations/${token}/accept`);
    expect(answer.status).toBe(403);
    expect(await roleOf(orgId, eve.id)).toBeNull();
    expect((await callApi(app, bob, 'POST', `/api/invitations/${token}/accept`)).status).toBe(200);
  });

  it('answers 404 for a token that matches no invitation, and 401 without a session', async () => {
    const bob = await signUp(app, 'Bob');
    const { token } = await inviteAndReadLink(app, owner, orgId, bob.email);
    expect((await callApi(app, bob, 'POST', `/api/invitations/${'x'.repeat(43)}/accept`)).status).toBe(404);
    expect((await callApi(app, null, 'POST', `/api/invitations/${token}/accept`)).status).toBe(401);
    expect(await roleOf(orgId, bob.id)).toBeNull();
  });
});

describe('the invitation email job', () => {
  it('sends the org-invitation email through EmailService: who invited, to what, the link and its expiry', async () => {
    const email = uniqueEmail('bob');
    const sent = spyOnSentEmails();
    await callApi(app, owner, 'POST', `/api/orgs/${orgId}/invitations`, { email });
    sent.stop();
    expect(sent.emails).toEqual([
      {
        to: email,
        template: 'org-invitation',
        data: { orgName: 'Acme', invitedBy: 'Olivia', acceptUrl: expect.stringMatching(/^http:\/\/app\.test\/invitations\/[A-Za-z0-9_-]{43}$/), expiresAt: new Date(START + 7 * DAY) },
      },
    ]);
  });

  it('sends the same link on every run, HMAC-SHA-256(AUTH_SECRET, "invitation:" + id), without touching the stored hash', async () => {
    const bob = await signUp(app, 'Bob');
    const first = await inviteAndReadLink(app, owner, orgId, bob.email);
    const invitationId = first.answer.body.invitation.id;
    expect(first.token).toBe(await expectedToken(env.AUTH_SECRET, invitationId));
    const before = await invitationRow(invitationId);
    const sent = spyOnSentEmails();
    await app.runtime.resolve(InvitationEmailHandler).run({ payload: { invitationId, appUrl: ORIGIN } });
    sent.stop();
    expect(String(sent.emails[0].data?.acceptUrl)).toBe(first.link);
    expect(await invitationRow(invitationId)).toEqual(before);
    expect((await callApi(app, bob, 'POST', `/api/invitations/${first.token}/accept`)).status).toBe(200);
  });

  it('stores the hash of the link\'s token with the invitation, before the email job has run', async () => {
    const queue = new RecordingQueue();
    const queued = createTestApp([StartModule, TodosModule], { clock, jobsMode: 'queue', envOverrides: { JOBS: queue } });
    const answer = await callApi(queued, owner, 'POST', `/api/orgs/${orgId}/invitations`, { email: uniqueEmail('bob') });
    expect(answer.status).toBe(201);
    const job = await env.DB.prepare('SELECT status FROM Job WHERE id = ?').bind(queue.sent[0].body.jobId).first();
    expect(job).toEqual({ status: 'PENDING' });
    const row = await invitationRow(answer.body.invitation.id);
    expect(row!.tokenHash).toBe(await sha256Hex(await expectedToken(env.AUTH_SECRET, row!.id)));
  });

  it('follows a new AUTH_SECRET set between the invitation and its email: the link sent is the one that works', async () => {
    const bob = await signUp(app, 'Bob');
    const { answer, token } = await inviteAndReadLink(app, owner, orgId, bob.email);
    const rotated = createTestApp([StartModule, TodosModule], { clock, envOverrides: { AUTH_SECRET: 'a-brand-new-secret-of-at-least-32-characters' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const send = vi.spyOn(EmailService.prototype, 'send');
    await rotated.runtime.resolve(InvitationEmailHandler).run({ payload: { invitationId: answer.body.invitation.id, appUrl: ORIGIN } });
    const newToken = String(send.mock.calls[0][0].data?.acceptUrl).split('/invitations/')[1];
    expect(newToken).not.toBe(token);
    expect(warn.mock.calls.flat().join('\n')).toContain('AUTH_SECRET changed since invitation');
    expect((await callApi(rotated, bob, 'POST', `/api/invitations/${newToken}/accept`)).status).toBe(200);
  });

  it('sends nothing for an invitation accepted or replaced before it ran', async () => {
    const bob = await signUp(app, 'Bob');
    const { answer, token } = await inviteAndReadLink(app, owner, orgId, bob.email);
    await callApi(app, bob, 'POST', `/api/invitations/${token}/accept`);
    const before = await invitationRow(answer.body.invitation.id);
    const sent = spyOnSentEmails();
    const result = await app.runtime.resolve(InvitationEmailHandler).run({ payload: { invitationId: before!.id, appUrl: ORIGIN } });
    sent.stop();
    expect(result).toEqual({ success: true, summary: { skipped: 'invitation is no longer pending', invitationId: before!.id } });
    expect(sent.emails).toEqual([]);
    expect((await invitationRow(before!.id))!.tokenHash).toBe(before!.tokenHash);
  });
});

describe('AUTH_SECRET, which invitation links are derived from', () => {
  const cases: [string, unknown][] = [
    ['missing', undefined],
    ['empty', ''],
    ['shorter than 32 characters', 'x'.repeat(31)],
  ];
  for (const [label, secret] of cases) {
    it(`${label}: inviting answers 500 before writing anything, and the log names AUTH_SECRET and how to set it`, async () => {
      const misconfigured = createTestApp([StartModule, TodosModule], { clock, envOverrides: { AUTH_SECRET: secret } });
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const before = await countInvitationsAndJobs();
      const answer = await callApi(misconfigured, owner, 'POST', `/api/orgs/${orgId}/invitations`, { email: uniqueEmail('bob') });
      expect(answer.status).toBe(500);
      expect(await countInvitationsAndJobs()).toEqual(before);
      const logged = error.mock.calls.map((args) => args.map(String).join(' ')).join('\n');
      expect(logged).toMatch(/AUTH_SECRET (is not set|is shorter than 32 characters)/);
      expect(logged).toContain('npx wrangler secret put AUTH_SECRET');
    });
  }

  it('of exactly 32 characters is enough', async () => {
    const configured = createTestApp([StartModule, TodosModule], { clock, envOverrides: { AUTH_SECRET: 's'.repeat(32) } });
    const { answer, token } = await inviteAndReadLink(configured, owner, orgId, uniqueEmail('bob'));
    expect(answer.status).toBe(201);
    expect(token).toBe(await expectedToken('s'.repeat(32), answer.body.invitation.id));
  });

  it('removed after the invitation was written: the email job is DEAD at once with the same message, and sends nothing', async () => {
    const queue = new RecordingQueue();
    const queued = createTestApp([StartModule, TodosModule], { clock, jobsMode: 'queue', envOverrides: { JOBS: queue } });
    await callApi(queued, owner, 'POST', `/api/orgs/${orgId}/invitations`, { email: uniqueEmail('bob') });
    const jobId = queue.sent[0].body.jobId;
    const misconfigured = createTestApp([StartModule, TodosModule], { clock, envOverrides: { AUTH_SECRET: undefined } });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const sent = spyOnSentEmails();
    expect(await misconfigured.runtime.jobRunner.run(jobId)).toMatchObject({ outcome: 'dead' });
    sent.stop();
    expect(sent.emails).toEqual([]);
    const job = await env.DB.prepare('SELECT status, attempts, lastError FROM Job WHERE id = ?').bind(jobId).first<Record<string, any>>();
    expect(job).toMatchObject({ status: 'DEAD', attempts: 1 });
    expect(job!.lastError).toMatch(/^AuthSecretError: AUTH_SECRET is not set: .*npx wrangler secret put AUTH_SECRET/);
  });
});

describe('the org-invitation email template', () => {
  const data = { orgName: '<b>Acme</b> & Co', invitedBy: 'Olivia "O" <script>', acceptUrl: 'https://todos.example.com/invitations/abc', expiresAt: new Date(START + 7 * DAY) };

  it('links the accept page in both parts and says when the link expires', () => {
    const html = invitationEmailTemplate.html(data).toString();
    const text = invitationEmailTemplate.text(data);
    expect(html).toContain('href="https://todos.example.com/invitations/abc"');
    expect(text).toContain('Accept the invitation: https://todos.example.com/invitations/abc');
    expect(text).toContain('expires on Sun, 08 Mar 2026 09:00 UTC');
    expect(invitationEmailTemplate.subject!(data)).toBe('Olivia "O" <script> invited you to join <b>Acme</b> & Co');
  });

  it('escapes the organization and inviter names in the HTML part, and drops a non-web link', () => {
    const html = invitationEmailTemplate.html({ ...data, acceptUrl: 'javascript:alert(1)' }).toString();
    expect(html).toContain('&lt;b&gt;Acme&lt;/b&gt; &amp; Co');
    expect(html).toContain('Olivia &quot;O&quot; &lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('javascript:');
  });
});

async function memberOf(org: string): Promise<SignedInUser> {
  const member = await signUp(app, 'Mia');
  const { token } = await inviteAndReadLink(app, owner, org, member.email);
  await callApi(app, member, 'POST', `/api/invitations/${token}/accept`);
  return member;
}

async function countInvitationsAndJobs() {
  const row = await env.DB.prepare("SELECT (SELECT COUNT(*) FROM Invitation) AS invitations, (SELECT COUNT(*) FROM Job WHERE type = 'orgs/invitation-email') AS jobs").first();
  return row;
}

describe('signing in from an invitation comes back to it', () => {
  async function postForm(path: string, fields: Record<string, string>, cookie?: string) {
    const { response, settled } = await app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    await settled;
    return response;
  }

  it('registration and login redirect to a local `next`', async () => {
    const email = uniqueEmail('bob');
    const registered = await postForm('/auth/register', { email, password: 'password123', next: '/invitations/abc' });
    expect(registered.headers.get('Location')).toBe('/invitations/abc');
    const loggedIn = await postForm('/auth/login', { email, password: 'password123', next: '/invitations/abc?x=1' });
    expect(loggedIn.headers.get('Location')).toBe('/invitations/abc?x=1');
  });

  for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/ok\nLocation: x']) {
    it(`ignores a next of ${JSON.stringify(next)} that could leave the site`, async () => {
      const email = uniqueEmail();
      const response = await postForm('/auth/register', { email, password: 'password123', next });
      expect(response.status).toBe(303);
      expect(response.headers.get('Location')).toBe('/todos');
    });
  }

  it('the sign-in pages carry `next` in the form and the link to the other page, and prefill the email', async () => {
    const { response } = await app.request('/auth/register?next=%2Finvitations%2Fabc&email=bob%40example.com');
    const html = await response.text();
    expect(html).toContain('<input type="hidden" name="next" value="/invitations/abc"/>');
    expect(html).toContain('value="bob@example.com"');
    expect(html).toContain('href="/auth/login?next=%2Finvitations%2Fabc"');
  });

  it('a signed-in visitor of a sign-in page goes straight to `next`', async () => {
    const { response } = await app.request('/auth/login?next=%2Finvitations%2Fabc', { headers: { Cookie: owner.cookie }, redirect: 'manual' });
    expect(response.headers.get('Location')).toBe('/invitations/abc');
  });

  it('signing out to switch account leads to the sign-in page for the invited address', async () => {
    const response = await postForm('/auth/logout', { next: '/invitations/abc', email: 'bob@example.com' }, owner.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/auth/login?next=%2Finvitations%2Fabc&email=bob%40example.com');
  });
});
