import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { createTestApp, uniqueEmail } from './support/test-app';
import { callApi, signUp } from './support/signed-in-user';

// Odd input found by trying to break the app: each must be a 4xx with a clear message, never a 500.
const app = createTestApp([StartModule, TodosModule]);
const userCount = async (email: string) => (await env.DB.prepare('SELECT COUNT(*) AS n FROM User WHERE email = ?').bind(email).first<{ n: number }>())!.n;

describe('registration with fields that are not text', () => {
  for (const field of ['email', 'name'] as const) {
    it(`refuses an object as ${field} (one with its own toString) with 400`, async () => {
      const email = uniqueEmail();
      const body = { email, password: 'password123', name: 'Jane', [field]: { toString: 1 } };
      const response = await app.postJson('/auth/register', body);
      expect(response.status).toBe(400);
      expect((await response.json<{ error: { field: string } }>()).error.field).toBe(field);
      expect(await userCount(email)).toBe(0);
    });
  }
});

describe('a malformed multipart body', () => {
  for (const path of ['/auth/register', '/auth/login', '/api/todos']) {
    it(`gets 400 from ${path}, not 500`, async () => {
      const user = await signUp(app);
      const { response, settled } = await app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data', Cookie: user.cookie },
        body: 'email=a',
      });
      await settled;
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { field: 'body', message: 'Request body is not a valid multipart form.' } });
    });
  }
});

describe('names and titles are one line of well-formed text', () => {
  it('refuses a line break or a NUL in a user name, writing nothing', async () => {
    for (const name of ['Olivia\nX', 'Jane\u0000', 'Ann\r\nBcc: x@evil.test']) {
      const email = uniqueEmail();
      const response = await app.postJson('/auth/register', { email, password: 'password123', name });
      expect(response.status).toBe(400);
      const { error } = await response.json<{ error: { field: string; message: string } }>();
      expect(error).toEqual({ field: 'name', message: 'Name must be one line of text, without line breaks or control characters.' });
      expect(await userCount(email)).toBe(0);
    }
  });

  it('refuses a CR/LF in an organization name', async () => {
    const user = await signUp(app);
    const answer = await callApi(app, user, 'POST', '/api/orgs', { name: 'Acme\r\nBcc: x@evil.test' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe('name');
  });

  it('refuses a todo title with a control character or a lone surrogate', async () => {
    const user = await signUp(app);
    for (const title of ['a\u0007b', 'a\ud800b']) {
      const answer = await callApi(app, user, 'POST', '/api/todos', { title });
      expect(answer.status).toBe(400);
      expect(answer.body.error.field).toBe('title');
    }
    expect((await callApi(app, user, 'GET', '/api/todos')).body.todos).toEqual([]);
  });

  it('keeps names with non-ASCII letters and emoji as typed', async () => {
    const email = uniqueEmail();
    const response = await app.postJson('/auth/register', { email, password: 'password123', name: 'Zoë 🚀 O\'Brien' });
    expect(response.status).toBe(201);
    expect((await response.json<{ name: string }>()).name).toBe('Zoë 🚀 O\'Brien');
  });
});
