import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { WelcomeModule } from '../../src/features/welcome';
import { createTestApp, ORIGIN, uniqueEmail } from './support/test-app';

const app = createTestApp([StartModule, TodosModule, WelcomeModule]);

const userRows = (email: string) => env.DB.prepare('SELECT * FROM User WHERE email = ?').bind(email).all().then((r) => r.results);
const countRows = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql).bind(...args).first<{ n: number }>())!.n;

async function postForm(fields: Record<string, string>, headers: HeadersInit = {}) {
  const { response, settled } = await app.request('/auth/register', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  await settled;
  return response;
}

describe('POST /auth/register (JSON)', () => {
  it('creates the user, their personal organization and membership, and answers 201 with the id', async () => {
    const email = uniqueEmail('jane');
    const response = await app.postJson('/auth/register', { email: `  ${email.toUpperCase()} `, password: 'correct horse', name: ' Jane  Doe ' });
    expect(response.status).toBe(201);
    const body = await response.json<{ id: string; email: string; name: string }>();
    expect(body.email).toBe(email); // trimmed and lower-cased
    const [user] = await userRows(email);
    expect(user.id).toBe(body.id);
    expect(user.name).toBe(' Jane  Doe '); // stored as typed
    expect(await countRows('SELECT COUNT(*) AS n FROM Membership m JOIN Organization o ON o.id = m.orgId WHERE m.userId = ? AND o.personal = 1 AND m.role = ?', body.id, 'owner')).toBe(1);
  });

  it('stores a PBKDF2-SHA-256 hash with a per-user salt, never the password', async () => {
    const a = uniqueEmail();
    const b = uniqueEmail();
    await app.postJson('/auth/register', { email: a, password: 'same password' });
    await app.postJson('/auth/register', { email: b, password: 'same password' });
    const [ua] = await userRows(a);
    const [ub] = await userRows(b);
    const hash = ua.passwordHash as string;
    expect(hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('same password');
    expect(hash).not.toBe(ub.passwordHash);
    expect(hash.split('$')[2]).not.toBe((ub.passwordHash as string).split('$')[2]);
  });

  it('signs the user in with an HttpOnly, SameSite=Lax, Path=/ cookie whose token the database keeps only hashed', async () => {
    const response = await app.postJson('/auth/register', { email: uniqueEmail(), password: 'password123' });
    const cookie = response.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^cruz_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure'); // served over http here
    const token = cookie.split(';')[0].split('=')[1];
    expect(await countRows('SELECT COUNT(*) AS n FROM Session WHERE tokenHash = ?', token)).toBe(0);
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    expect(await countRows('SELECT COUNT(*) AS n FROM Session WHERE tokenHash = ?', digest)).toBe(1);
  });

  it('marks the cookie Secure when served over https', async () => {
    const { response, settled } = await app.request('https://app.test/auth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail(), password: 'password123' }),
    });
    await settled;
    expect(response.status).toBe(201);
    expect(response.headers.get('Set-Cookie')).toContain('; Secure');
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['an invalid email', { email: 'not-an-email', password: 'password123' }, 'email', /valid email/],
    ['a missing email', { password: 'password123' }, 'email', /email/i],
    ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.com`, password: 'password123' }, 'email', /254/],
    ['a short password', { email: 'short@example.com', password: 'short' }, 'password', /at least 8/],
    ['a password over 128 characters', { email: 'long@example.com', password: 'x'.repeat(129) }, 'password', /at most 128/],
    ['a name over 100 characters', { email: 'name@example.com', password: 'password123', name: 'n'.repeat(101) }, 'name', /at most 100/],
    ['a non-string password', { email: 'type@example.com', password: 12345678 }, 'password', /text/],
  ];
  for (const [label, body, field, message] of invalid) {
    it(`refuses ${label} with 400 naming the field, and writes nothing`, async () => {
      const email = typeof body.email === 'string' ? `${crypto.randomUUID().slice(0, 6)}${body.email}` : undefined;
      const response = await app.postJson('/auth/register', { ...body, ...(email ? { email } : {}) });
      expect(response.status).toBe(400);
      const { error } = await response.json<{ error: { field: string; message: string } }>();
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
      if (email) expect(await userRows(email.trim().toLowerCase())).toHaveLength(0);
    });
  }

  // Addresses the email layer refuses (@cruzjs/core/email emailAddressProblem): accepting one would
  // create an account whose welcome email can never be sent.
  const unsendable: [string, (id: string) => string, RegExp][] = [
    ['a non-ASCII local part', (id) => `zoë-${id}@example.com`, /unaccented letters/],
    ['a control character', (id) => `ja\u0001ne-${id}@example.com`, /control character/],
    ['a zero-width character', (id) => `ja\u200bne-${id}@example.com`, /invisible characters/],
    ['consecutive dots', (id) => `jane..${id}@example.com`, /two dots in a row/],
    ['a leading dot', (id) => `.jane-${id}@example.com`, /start or end with a dot/],
    ['a 65-character local part', (id) => `${id}${'a'.repeat(65 - id.length)}@example.com`, /at most 64 characters/],
    ['a 64-character domain label', (id) => `jane-${id}@${'l'.repeat(64)}.example.com`, /at most 63 characters/],
    ['quotes', (id) => `"jane-${id}"@example.com`, /valid email address, like jane@example.com/],
    ['an IP address as domain', (id) => `jane-${id}@127.0.0.1`, /valid email address, like jane@example.com/],
  ];
  for (const [label, address, message] of unsendable) {
    it(`refuses an email with ${label} with 400 naming the field, and writes nothing`, async () => {
      const email = address(crypto.randomUUID().slice(0, 8));
      const before = await countRows('SELECT COUNT(*) AS n FROM User');
      const response = await app.postJson('/auth/register', { email, password: 'password123' });
      expect(response.status).toBe(400);
      const { error } = await response.json<{ error: { field: string; message: string } }>();
      expect(error.field).toBe('email');
      expect(error.message).toMatch(/valid email address/);
      expect(error.message).toMatch(message);
      expect(await userRows(email.toLowerCase())).toHaveLength(0);
      expect(await countRows('SELECT COUNT(*) AS n FROM User')).toBe(before);
    });
  }

  it('accepts a 64-character local part and a 63-character domain label', async () => {
    const id = crypto.randomUUID().slice(0, 8);
    const email = `${id}${'a'.repeat(56)}@${'l'.repeat(63)}.example.com`;
    expect((await app.postJson('/auth/register', { email, password: 'password123' })).status).toBe(201);
  });

  describe('an internationalized domain', () => {
    afterEach(() => vi.restoreAllMocks());

    it('is accepted and stored as typed, lower-cased; the welcome email goes to its punycode form', async () => {
      const sent: { url: string; body: any }[] = [];
      vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
        const request = new Request(input as RequestInfo, init);
        sent.push({ url: request.url, body: JSON.parse(await request.text()) });
        return Response.json({ id: 're-1' });
      });
      vi.spyOn(console, 'log').mockImplementation(() => {});
      const resend = createTestApp([StartModule, TodosModule, WelcomeModule], {
        envOverrides: { EMAIL_PROVIDER: 'resend', EMAIL_API_KEY: 're_test', EMAIL_FROM: 'My Todos <hello@example.com>' },
      });
      const id = crypto.randomUUID().slice(0, 8);
      const response = await resend.postJson('/auth/register', { email: `Jane-${id}@BÜCHER.example`, password: 'password123', name: 'Jane' });
      expect(response.status).toBe(201);
      expect((await response.json<{ email: string }>()).email).toBe(`jane-${id}@bücher.example`);
      expect(await userRows(`jane-${id}@bücher.example`)).toHaveLength(1);
      expect(sent).toHaveLength(1);
      expect(sent[0].url).toBe('https://api.resend.com/emails');
      expect(sent[0].body.to).toEqual([`jane-${id}@xn--bcher-kva.example`]);
      const job = await env.DB.prepare("SELECT status FROM Job WHERE type = 'todos/welcome-email' AND json_extract(payload, '$.email') = ?")
        .bind(`jane-${id}@bücher.example`)
        .first();
      expect(job).toEqual({ status: 'COMPLETED' });
    });

    it('is refused when its encoded (punycode) form makes the address longer than 254 characters', async () => {
      // Four labels of 55 "ü" are 61 characters each in punycode: 240 characters typed, 264 to send.
      const email = `jane-${crypto.randomUUID().slice(0, 8)}@${Array(4).fill('ü'.repeat(55)).join('.')}.de`;
      expect(email.length).toBe(240);
      const response = await app.postJson('/auth/register', { email, password: 'password123' });
      expect(response.status).toBe(400);
      const { error } = await response.json<{ error: { field: string; message: string } }>();
      expect(error).toEqual({ field: 'email', message: expect.stringMatching(/at most 254 characters/) });
    });
  });

  it('refuses malformed JSON with 400 and a clear message', async () => {
    const before = await countRows('SELECT COUNT(*) AS n FROM User');
    const response = await app.postJson('/auth/register', '{"email": "x@example.com", ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { field: 'body', message: 'Request body is not valid JSON.' } });
    expect(await countRows('SELECT COUNT(*) AS n FROM User')).toBe(before);
  });

  it('answers 409 for an email that already has an account, leaving one user', async () => {
    const email = uniqueEmail();
    expect((await app.postJson('/auth/register', { email, password: 'password123' })).status).toBe(201);
    const again = await app.postJson('/auth/register', { email: email.toUpperCase(), password: 'another-pass' });
    expect(again.status).toBe(409);
    expect((await again.json<{ error: { field: string } }>()).error.field).toBe('email');
    expect(await userRows(email)).toHaveLength(1);
  });

  it('lets exactly one of two concurrent registrations with one email win; the other gets 409, never 500', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all([
      app.postJson('/auth/register', { email, password: 'password123' }),
      app.postJson('/auth/register', { email, password: 'password456' }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const [user] = await userRows(email);
    expect(await userRows(email)).toHaveLength(1);
    // The loser's batch rolled back whole: one personal organization, for the winner.
    expect(await countRows("SELECT COUNT(*) AS n FROM Organization WHERE createdById = ? OR name LIKE ?", user.id, `${email.split('@')[0]}%`)).toBe(1);
  });

  it('refuses a POST whose Origin is another site with 403, writing nothing', async () => {
    const email = uniqueEmail();
    const response = await app.postJson('/auth/register', { email, password: 'password123' }, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await userRows(email)).toHaveLength(0);
  });

  it('accepts a POST from its own origin', async () => {
    const response = await app.postJson('/auth/register', { email: uniqueEmail(), password: 'password123' }, { Origin: ORIGIN });
    expect(response.status).toBe(201);
  });
});

describe('POST /auth/register (form)', () => {
  it('signs the user in and redirects to /todos', async () => {
    const email = uniqueEmail();
    const response = await postForm({ email, password: 'password123', name: 'Jane' });
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/todos');
    expect(response.headers.get('Set-Cookie')).toContain('HttpOnly');
    expect(await userRows(email)).toHaveLength(1);
  });

  it('shows each error beside its field, keeps what was typed (escaped), and writes nothing', async () => {
    const response = await postForm({ email: 'bad', password: 'short', name: '<script>alert(1)</script>' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/id="email"[^>]*aria-describedby="email-error"[\s\S]*?id="email-error"[^>]*>Enter a valid email address/);
    expect(html).toMatch(/id="password-error"[^>]*>Password must be at least 8 characters/);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await userRows('bad')).toHaveLength(0);
  });

  it('shows a duplicate email as an error beside the email field with 409', async () => {
    const email = uniqueEmail();
    await postForm({ email, password: 'password123' });
    const response = await postForm({ email, password: 'password123' });
    expect(response.status).toBe(409);
    expect(await response.text()).toMatch(/id="email-error"[^>]*>An account with this email already exists/);
  });
});

describe('GET /auth/register and /auth/login', () => {
  it('serves forms that work without JavaScript', async () => {
    for (const path of ['/auth/register', '/auth/login']) {
      const { response } = await app.request(path);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`<form`);
      expect(html).toContain(`action="${path}" method="post"`);
      expect(html).not.toContain('<script');
    }
  });
});

describe('login and logout', () => {
  it('signs in with the right password, refuses a wrong one with 401, and logout ends the session', async () => {
    const email = uniqueEmail();
    await app.postJson('/auth/register', { email, password: 'password123' });
    expect((await app.postJson('/auth/login', { email, password: 'wrong-password' })).status).toBe(401);
    expect((await app.postJson('/auth/login', { email: uniqueEmail(), password: 'password123' })).status).toBe(401);
    const ok = await app.postJson('/auth/login', { email: email.toUpperCase(), password: 'password123' });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('Set-Cookie')!.split(';')[0];

    const { response: out } = await app.request('/auth/logout', { method: 'POST', headers: { Cookie: cookie }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.get('Set-Cookie')).toContain('Max-Age=0');
    const { response: page } = await app.request('/auth/login', { headers: { Cookie: cookie }, redirect: 'manual' });
    expect(page.status).toBe(200); // no longer signed in: the login form, not a redirect
  });
});
