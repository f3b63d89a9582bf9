import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { createTestApp, ORIGIN } from './support/test-app';
import { callApi, createOrg, join, setSessionOrg, signUp, type SignedInUser } from './support/signed-in-user';

const app = createTestApp([StartModule, TodosModule]);

const todoRow = (id: string) => env.DB.prepare('SELECT * FROM Todo WHERE id = ?').bind(id).first<Record<string, any>>();
const todoCount = async (orgId: string) => (await env.DB.prepare('SELECT COUNT(*) AS n FROM Todo WHERE orgId = ?').bind(orgId).first<{ n: number }>())!.n;

async function addTodo(user: SignedInUser, title: string): Promise<Record<string, any>> {
  const answer = await callApi(app, user, 'POST', '/api/todos', { title });
  if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.todo;
}

describe('without a session', () => {
  const endpoints: [string, string, unknown?][] = [
    ['GET', '/api/todos'],
    ['POST', '/api/todos', { title: 'x' }],
    ['GET', '/api/todos/some-id'],
    ['PATCH', '/api/todos/some-id', { title: 'x' }],
    ['DELETE', '/api/todos/some-id'],
    ['POST', '/api/todos/some-id/complete'],
  ];
  for (const [method, path, body] of endpoints) {
    it(`${method} ${path} answers 401 JSON`, async () => {
      const answer = await callApi(app, null, method, path, body);
      expect(answer).toEqual({ status: 401, body: { error: { field: null, message: 'Sign in first.' } } });
    });
  }
});

describe('creating and listing', () => {
  it('creates a todo in the active organization, title trimmed, and answers 201 with it', async () => {
    const jane = await signUp(app);
    const answer = await callApi(app, jane, 'POST', '/api/todos', { title: '  Buy milk  ' });
    expect(answer.status).toBe(201);
    expect(answer.body.todo).toMatchObject({ orgId: jane.personalOrgId, title: 'Buy milk', completed: false, createdById: jane.id, completedById: null });
    expect(await todoRow(answer.body.todo.id)).toMatchObject({ orgId: jane.personalOrgId, title: 'Buy milk', completed: 0 });
  });

  it('lists newest first and filters active and completed', async () => {
    const jane = await signUp(app);
    const milk = await addTodo(jane, 'Buy milk');
    const dog = await addTodo(jane, 'Walk the dog');
    const taxes = await addTodo(jane, 'File taxes');
    await callApi(app, jane, 'POST', `/api/todos/${dog.id}/complete`);
    const titles = async (query: string) => (await callApi(app, jane, 'GET', `/api/todos${query}`)).body.todos.map((t: { id: string }) => t.id);
    expect(await titles('')).toEqual([taxes.id, dog.id, milk.id]);
    expect(await titles('?filter=all')).toEqual([taxes.id, dog.id, milk.id]);
    expect(await titles('?filter=active')).toEqual([taxes.id, milk.id]);
    expect(await titles('?filter=completed')).toEqual([dog.id]);
  });

  it('refuses an unknown filter with 400 naming it', async () => {
    const jane = await signUp(app);
    const answer = await callApi(app, jane, 'GET', '/api/todos?filter=done');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ field: 'filter', message: 'filter must be one of all, active, completed.' });
  });

  it('accepts a 500-character title with spaces around it', async () => {
    const jane = await signUp(app);
    const todo = await addTodo(jane, `  ${'é'.repeat(500)}  `);
    expect(todo.title).toBe('é'.repeat(500));
  });

  const invalid: [string, unknown, string, RegExp][] = [
    ['no title', {}, 'title', /needs a title/],
    ['an empty title', { title: '' }, 'title', /needs a title/],
    ['a title of spaces', { title: '   \n ' }, 'title', /needs a title/],
    ['a title over 500 characters', { title: 'x'.repeat(501) }, 'title', /at most 500/],
    ['a title that is not text', { title: 42 }, 'title', /text/],
    ['an unknown field', { title: 'ok', orgId: 'someone-elses' }, 'orgId', /Unknown field "orgId"/],
  ];
  for (const [label, body, field, message] of invalid) {
    it(`refuses ${label} with 400 naming the field, writing nothing`, async () => {
      const jane = await signUp(app);
      const answer = await callApi(app, jane, 'POST', '/api/todos', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.field).toBe(field);
      expect(answer.body.error.message).toMatch(message);
      expect(await todoCount(jane.personalOrgId)).toBe(0);
    });
  }

  it('refuses malformed JSON with 400 and a form body with 415', async () => {
    const jane = await signUp(app);
    expect((await callApi(app, jane, 'POST', '/api/todos', '{"title": ')).body.error).toEqual({ field: 'body', message: 'Request body is not valid JSON.' });
    const { response } = await app.request('/api/todos', {
      method: 'POST',
      headers: { Cookie: jane.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'title=hello',
    });
    expect(response.status).toBe(415);
    expect(await todoCount(jane.personalOrgId)).toBe(0);
  });

  it('refuses a POST from another site with 403', async () => {
    const jane = await signUp(app);
    const { response } = await app.request('/api/todos', {
      method: 'POST',
      headers: { Cookie: jane.cookie, 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ title: 'csrf' }),
    });
    expect(response.status).toBe(403);
    expect(await todoCount(jane.personalOrgId)).toBe(0);
  });
});

describe('changing a todo', () => {
  it('renames with PATCH', async () => {
    const jane = await signUp(app);
    const todo = await addTodo(jane, 'Buy milk');
    const answer = await callApi(app, jane, 'PATCH', `/api/todos/${todo.id}`, { title: ' Buy oat milk ' });
    expect(answer.status).toBe(200);
    expect(answer.body.todo).toMatchObject({ id: todo.id, title: 'Buy oat milk', completed: false });
  });

  it('completes with POST .../complete, recording who completed it', async () => {
    const jane = await signUp(app);
    const todo = await addTodo(jane, 'Buy milk');
    const answer = await callApi(app, jane, 'POST', `/api/todos/${todo.id}/complete`);
    expect(answer.status).toBe(200);
    expect(answer.body.todo).toMatchObject({ completed: true, completedById: jane.id });
    expect(await todoRow(todo.id)).toMatchObject({ completed: 1, completedById: jane.id });
  });

  it('reopens with PATCH { completed: false }, forgetting who completed it', async () => {
    const jane = await signUp(app);
    const todo = await addTodo(jane, 'Buy milk');
    await callApi(app, jane, 'POST', `/api/todos/${todo.id}/complete`);
    const answer = await callApi(app, jane, 'PATCH', `/api/todos/${todo.id}`, { completed: false });
    expect(answer.body.todo).toMatchObject({ completed: false, completedById: null });
  });

  const invalid: [string, unknown, string][] = [
    ['an empty body', {}, 'title'],
    ['a blank title', { title: ' ' }, 'title'],
    ['completed that is not a boolean', { completed: 'yes' }, 'completed'],
    ['an unknown field', { title: 'ok', createdById: 'someone' }, 'createdById'],
  ];
  for (const [label, body, field] of invalid) {
    it(`refuses a PATCH with ${label} with 400 naming the field, changing nothing`, async () => {
      const jane = await signUp(app);
      const todo = await addTodo(jane, 'Buy milk');
      const answer = await callApi(app, jane, 'PATCH', `/api/todos/${todo.id}`, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.field).toBe(field);
      expect(await todoRow(todo.id)).toMatchObject({ title: 'Buy milk', completed: 0, updatedAt: new Date(todo.updatedAt).getTime() });
    });
  }

  it('deletes with 204; the todo is then 404 everywhere', async () => {
    const jane = await signUp(app);
    const todo = await addTodo(jane, 'Buy milk');
    const deleted = await callApi(app, jane, 'DELETE', `/api/todos/${todo.id}`);
    expect(deleted.status).toBe(204);
    expect(await todoRow(todo.id)).toBeNull();
    for (const [method, path] of [['GET', `/api/todos/${todo.id}`], ['DELETE', `/api/todos/${todo.id}`], ['POST', `/api/todos/${todo.id}/complete`]]) {
      expect((await callApi(app, jane, method, path)).status).toBe(404);
    }
  });
});

describe('organizations never see each other', () => {
  const attempts: [string, (id: string) => [string, string, unknown?]][] = [
    ['GET', (id) => ['GET', `/api/todos/${id}`]],
    ['PATCH title', (id) => ['PATCH', `/api/todos/${id}`, { title: 'pwned' }]],
    ['PATCH completed', (id) => ['PATCH', `/api/todos/${id}`, { completed: true }]],
    ['DELETE', (id) => ['DELETE', `/api/todos/${id}`]],
    ['complete', (id) => ['POST', `/api/todos/${id}/complete`]],
  ];
  for (const [label, request] of attempts) {
    it(`${label} of another organization's todo answers 404 exactly like a missing one, changing nothing`, async () => {
      const jane = await signUp(app, 'Jane');
      const mallory = await signUp(app, 'Mallory');
      const todo = await addTodo(jane, 'Private plans');
      const before = await todoRow(todo.id);
      const [method, path, body] = request(todo.id);
      const foreign = await callApi(app, mallory, method, path, body);
      const missing = await callApi(app, mallory, method, path.replace(todo.id, 'no-such-todo'), body);
      expect(foreign).toEqual({ status: 404, body: { error: { field: null, message: 'Todo not found.' } } });
      expect(foreign).toEqual(missing);
      expect(await todoRow(todo.id)).toEqual(before);
    });
  }

  it("lists only the active organization's todos", async () => {
    const jane = await signUp(app, 'Jane');
    const mallory = await signUp(app, 'Mallory');
    await addTodo(jane, 'Private plans');
    expect((await callApi(app, mallory, 'GET', '/api/todos')).body.todos).toEqual([]);
  });

  it('checks membership on every call: a session pointing at a foreign organization gets 404 and writes nothing', async () => {
    const jane = await signUp(app, 'Jane');
    const mallory = await signUp(app, 'Mallory');
    const todo = await addTodo(jane, 'Private plans');
    await setSessionOrg(mallory, jane.personalOrgId);
    for (const [method, path, body] of [
      ['GET', '/api/todos'],
      ['POST', '/api/todos', { title: 'planted' }],
      ['GET', `/api/todos/${todo.id}`],
      ['PATCH', `/api/todos/${todo.id}`, { title: 'pwned' }],
      ['DELETE', `/api/todos/${todo.id}`],
      ['POST', `/api/todos/${todo.id}/complete`],
    ] as [string, string, unknown?][]) {
      const answer = await callApi(app, mallory, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.message).toBe('Organization not found.');
    }
    expect(await todoCount(jane.personalOrgId)).toBe(1);
    expect(await todoRow(todo.id)).toMatchObject({ title: 'Private plans', completed: 0 });
  });

  it('members of one organization share its list: each sees and completes what the other added', async () => {
    const olivia = await signUp(app, 'Olivia');
    const acme = await createOrg(app, olivia, 'Acme');
    const bob = await signUp(app, 'Bob');
    await join(app, olivia, acme, bob);
    const todo = await addTodo(olivia, 'Ship the release');
    const listed = await callApi(app, bob, 'GET', '/api/todos');
    expect(listed.body.todos.map((t: { id: string }) => t.id)).toEqual([todo.id]);
    const completed = await callApi(app, bob, 'POST', `/api/todos/${todo.id}/complete`);
    expect(completed.body.todo).toMatchObject({ orgId: acme, completed: true, createdById: olivia.id, completedById: bob.id });
  });
});

describe('routing', () => {
  it('answers 405 with Allow for a method the path does not take', async () => {
    const jane = await signUp(app);
    const { response } = await app.request(new URL('/api/todos', ORIGIN).toString(), { method: 'PUT', headers: { Cookie: jane.cookie } });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, POST');
  });
});
