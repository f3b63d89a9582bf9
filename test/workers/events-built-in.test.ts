import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Injectable, Module } from '@cruzjs/core/di';
import { MemberInvitedEvent, OrgCreatedEvent, UserLoggedInEvent, UserRegisteredEvent } from '@cruzjs/core/auth/events';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { createTestApp, uniqueEmail } from './support/test-app';
import { callApi, createOrg, inviteAndReadLink, PASSWORD, signUp } from './support/signed-in-user';

type Recorded = { event: object; name: string; seenInDatabase: Record<string, unknown> };
const recorded: Recorded[] = [];
const one = (sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args).first();

/** Records every built-in event, with what the database held when the listener ran. */
@Injectable()
class RecordingListener {
  async userRegistered(event: UserRegisteredEvent) {
    recorded.push({ event, name: 'UserRegisteredEvent', seenInDatabase: { user: await one('SELECT email, name FROM User WHERE id = ?', event.userId) } });
  }

  async userLoggedIn(event: UserLoggedInEvent) {
    recorded.push({ event, name: 'UserLoggedInEvent', seenInDatabase: {} });
  }

  async orgCreated(event: OrgCreatedEvent) {
    recorded.push({
      event,
      name: 'OrgCreatedEvent',
      seenInDatabase: { owner: await one('SELECT role FROM Membership WHERE orgId = ? AND userId = ?', event.orgId, event.createdById) },
    });
  }

  async memberInvited(event: MemberInvitedEvent) {
    recorded.push({
      event,
      name: 'MemberInvitedEvent',
      seenInDatabase: { invitation: await one('SELECT orgId, email, invitedById, acceptedAt FROM Invitation WHERE id = ?', event.invitationId) },
    });
  }
}

@Module({
  providers: [RecordingListener],
  events: [
    { event: UserRegisteredEvent, useClass: RecordingListener, method: 'userRegistered' },
    { event: UserLoggedInEvent, useClass: RecordingListener, method: 'userLoggedIn' },
    { event: OrgCreatedEvent, useClass: RecordingListener, method: 'orgCreated' },
    { event: MemberInvitedEvent, useClass: RecordingListener, method: 'memberInvited' },
  ],
})
class RecordingModule {}

const app = createTestApp([StartModule, TodosModule, RecordingModule]);

beforeEach(() => {
  recorded.length = 0;
});
afterEach(() => vi.restoreAllMocks());

const names = () => recorded.map((r) => r.name);
const only = (name: string) => {
  const matching = recorded.filter((r) => r.name === name);
  expect(matching, name).toHaveLength(1);
  return matching[0];
};

describe('UserRegisteredEvent and the personal OrgCreatedEvent', () => {
  it('fire once each at registration, after the user, organization and membership are written', async () => {
    const jane = await signUp(app, 'Jane');
    expect(names().sort()).toEqual(['OrgCreatedEvent', 'UserRegisteredEvent']);

    const registered = only('UserRegisteredEvent');
    expect(registered.event).toBeInstanceOf(UserRegisteredEvent);
    expect({ ...registered.event }).toEqual({ userId: jane.id, email: jane.email, name: 'Jane' });
    expect(registered.seenInDatabase.user).toEqual({ email: jane.email, name: 'Jane' });

    const created = only('OrgCreatedEvent');
    expect(created.event).toBeInstanceOf(OrgCreatedEvent);
    expect({ ...created.event }).toEqual({ orgId: jane.personalOrgId, name: "Jane's todos", createdById: jane.id, personal: true });
    expect(created.seenInDatabase.owner).toEqual({ role: 'owner' });
  });

  it('do not fire for a registration that is refused', async () => {
    const jane = await signUp(app, 'Jane');
    recorded.length = 0;
    expect((await app.postJson('/auth/register', { email: jane.email, password: PASSWORD })).status).toBe(409);
    expect((await app.postJson('/auth/register', { email: 'not-an-email', password: PASSWORD })).status).toBe(400);
    expect(recorded).toEqual([]);
  });
});

describe('UserLoggedInEvent', () => {
  it('fires once for a successful login, with the user id and email', async () => {
    const jane = await signUp(app, 'Jane');
    recorded.length = 0;
    const response = await app.postJson('/auth/login', { email: jane.email.toUpperCase(), password: PASSWORD });
    expect(response.status).toBe(200);
    expect(names()).toEqual(['UserLoggedInEvent']);
    const loggedIn = only('UserLoggedInEvent').event;
    expect(loggedIn).toBeInstanceOf(UserLoggedInEvent);
    expect({ ...loggedIn }).toEqual({ userId: jane.id, email: jane.email });
  });

  it('does not fire for a wrong password, an unknown email, or at registration', async () => {
    const jane = await signUp(app, 'Jane');
    expect(names()).not.toContain('UserLoggedInEvent');
    expect((await app.postJson('/auth/login', { email: jane.email, password: 'wrong-password' })).status).toBe(401);
    expect((await app.postJson('/auth/login', { email: uniqueEmail(), password: PASSWORD })).status).toBe(401);
    expect(names()).not.toContain('UserLoggedInEvent');
  });
});

describe('OrgCreatedEvent for a later organization', () => {
  it('fires once with personal: false, after the owner membership is written', async () => {
    const jane = await signUp(app, 'Jane');
    recorded.length = 0;
    const created = await callApi(app, jane, 'POST', '/api/orgs', { name: 'Acme' });
    expect(names()).toEqual(['OrgCreatedEvent']);
    const event = only('OrgCreatedEvent');
    expect({ ...event.event }).toEqual({ orgId: created.body.org.id, name: 'Acme', createdById: jane.id, personal: false });
    expect(event.seenInDatabase.owner).toEqual({ role: 'owner' });
  });

  it('does not fire when the name is refused', async () => {
    const jane = await signUp(app, 'Jane');
    recorded.length = 0;
    expect((await callApi(app, jane, 'POST', '/api/orgs', { name: ' ' })).status).toBe(400);
    expect(recorded).toEqual([]);
  });
});

describe('MemberInvitedEvent', () => {
  it("fires once with the invitation's id, organization, email and inviter, after the invitation is written", async () => {
    const olivia = await signUp(app, 'Olivia');
    const acme = await createOrg(app, olivia, 'Acme');
    recorded.length = 0;
    const email = uniqueEmail('bob');
    const { answer } = await inviteAndReadLink(app, olivia, acme, ` ${email.toUpperCase()}`);
    expect(names()).toEqual(['MemberInvitedEvent']);
    const invited = only('MemberInvitedEvent');
    expect(invited.event).toBeInstanceOf(MemberInvitedEvent);
    expect({ ...invited.event }).toEqual({ invitationId: answer.body.invitation.id, orgId: acme, email, invitedById: olivia.id });
    expect(invited.seenInDatabase.invitation).toEqual({ orgId: acme, email, invitedById: olivia.id, acceptedAt: null });
  });

  it('does not fire for a refused invitation, nor when the invitation is accepted', async () => {
    const olivia = await signUp(app, 'Olivia');
    const acme = await createOrg(app, olivia, 'Acme');
    const bob = await signUp(app, 'Bob');
    const { token } = await inviteAndReadLink(app, olivia, acme, bob.email);
    recorded.length = 0;
    expect((await callApi(app, olivia, 'POST', `/api/orgs/${acme}/invitations`, { email: 'nope' })).status).toBe(400);
    expect((await callApi(app, bob, 'POST', `/api/orgs/${acme}/invitations`, { email: uniqueEmail() })).status).toBe(404);
    expect((await callApi(app, bob, 'POST', `/api/invitations/${token}/accept`)).status).toBe(200);
    expect((await callApi(app, olivia, 'POST', `/api/orgs/${acme}/invitations`, { email: bob.email })).status).toBe(409);
    expect(recorded).toEqual([]);
  });
});
