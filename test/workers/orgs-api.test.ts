import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { createTestApp } from './support/test-app';
import { callApi, createOrg, sessionTokenHash, setSessionOrg, signUp, type SignedInUser } from './support/signed-in-user';

const app = createTestApp([StartModule, TodosModule]);

const activeOrgOf = async (user: SignedInUser) =>
  (await env.DB.prepare('SELECT activeOrgId FROM Session WHERE tokenHash = ?').bind(await sessionTokenHash(user)).first<{ activeOrgId: string }>())!.activeOrgId;

describe('GET /api/orgs', () => {
  it("lists the new user's personal organization, as owner, and it is the active one", async () => {
    const jane = await signUp(app, 'Jane');
    const answer = await callApi(app, jane, 'GET', '/api/orgs');
    expect(answer).toEqual({
      status: 200,
      body: { orgs: [{ id: jane.personalOrgId, name: "Jane's todos", personal: true, role: 'owner' }], activeOrgId: jane.personalOrgId },
    });
  });

  it('answers 401 without a session', async () => {
    expect((await callApi(app, null, 'GET', '/api/orgs')).status).toBe(401);
  });

  it('puts a session whose organization the user does not belong to back on their own', async () => {
    const jane = await signUp(app, 'Jane');
    const mallory = await signUp(app, 'Mallory');
    await setSessionOrg(mallory, jane.personalOrgId);
    const answer = await callApi(app, mallory, 'GET', '/api/orgs');
    expect(answer.body.activeOrgId).toBe(mallory.personalOrgId);
    expect(answer.body.orgs.map((o: { id: string }) => o.id)).toEqual([mallory.personalOrgId]);
    expect(await activeOrgOf(mallory)).toBe(mallory.personalOrgId);
  });
});

describe('POST /api/orgs', () => {
  it('creates the organization with the creator as owner; it is listed after the personal one', async () => {
    const jane = await signUp(app, 'Jane');
    const created = await callApi(app, jane, 'POST', '/api/orgs', { name: '  Acme Inc  ' });
    expect(created.status).toBe(201);
    expect(created.body.org).toMatchObject({ name: 'Acme Inc', personal: false, role: 'owner' });
    const row = await env.DB.prepare('SELECT o.name, o.personal, o.createdById, m.role FROM Organization o JOIN Membership m ON m.orgId = o.id WHERE o.id = ?')
      .bind(created.body.org.id)
      .first();
    expect(row).toEqual({ name: 'Acme Inc', personal: 0, createdById: jane.id, role: 'owner' });
    const listed = await callApi(app, jane, 'GET', '/api/orgs');
    expect(listed.body.orgs.map((o: { name: string }) => o.name)).toEqual(["Jane's todos", 'Acme Inc']);
  });

  const invalid: [string, unknown, string, RegExp][] = [
    ['no name', {}, 'name', /name/],
    ['a blank name', { name: '   ' }, 'name', /name/],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, 'name', /at most 100/],
    ['a name that is not text', { name: 42 }, 'name', /text/],
    ['an unknown field', { name: 'Acme', personal: true }, 'personal', /Unknown field/],
  ];
  for (const [label, body, field, message] of invalid) {
    it(`refuses ${label} with 400 naming the field, creating nothing`, async () => {
      const jane = await signUp(app, 'Jane');
      const answer = await callApi(app, jane, 'POST', '/api/orgs', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.field).toBe(field);
      expect(answer.body.error.message).toMatch(message);
      const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM Organization WHERE createdById = ?').bind(jane.id).first<{ n: number }>();
      expect(count!.n).toBe(1);
    });
  }

  it('answers 415 for a form body and 401 without a session', async () => {
    const jane = await signUp(app, 'Jane');
    const { response } = await app.request('/api/orgs', {
      method: 'POST',
      headers: { Cookie: jane.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=Acme',
    });
    expect(response.status).toBe(415);
    expect((await callApi(app, null, 'POST', '/api/orgs', { name: 'Acme' })).status).toBe(401);
  });
});

describe('POST /api/orgs/:orgId/switch', () => {
  it("makes the organization the session's active one: the todos API then works in it", async () => {
    const jane = await signUp(app, 'Jane');
    await callApi(app, jane, 'POST', '/api/todos', { title: 'personal errand' });
    const acme = await createOrg(app, jane, 'Acme');
    expect(await activeOrgOf(jane)).toBe(acme);
    expect((await callApi(app, jane, 'GET', '/api/todos')).body.todos).toEqual([]);
    const created = await callApi(app, jane, 'POST', '/api/todos', { title: 'acme task' });
    expect(created.body.todo.orgId).toBe(acme);
  });

  it('refuses an organization the user does not belong to with 404, leaving the session as it was', async () => {
    const jane = await signUp(app, 'Jane');
    const mallory = await signUp(app, 'Mallory');
    for (const orgId of [jane.personalOrgId, 'no-such-org']) {
      const answer = await callApi(app, mallory, 'POST', `/api/orgs/${orgId}/switch`);
      expect(answer.status).toBe(404);
      expect(answer.body.error.message).toBe('Organization not found.');
    }
    expect(await activeOrgOf(mallory)).toBe(mallory.personalOrgId);
  });
});
