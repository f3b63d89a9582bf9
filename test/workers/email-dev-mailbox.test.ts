// The dev mailbox: under `cruz dev` (CRUZ_DEV_MAILBOX=on, set by vite.config.ts) console emails are kept
// in the worker's memory and served at /dev/mail; with production's vars that path does not exist.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createCruzApp, type CruzEnv } from '@cruzjs/core';
import { EmailService } from '@cruzjs/core/email';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { WelcomeModule } from '../../src/features/welcome';
import * as schema from '../../src/database/schema';
import { ManualClock, createTestApp, uniqueEmail } from './support/test-app';

/** What `cruz dev` runs with: wrangler.toml's vars (console email) plus the dev server's. */
const DEV = { CRUZ_DEV_MAILBOX: 'on' };

let log: MockInstance<typeof console.log>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const get = async (app: ReturnType<typeof createTestApp>, path: string, init?: RequestInit) => {
  const { response } = await app.request(path, init);
  return { response, body: await response.text() };
};
/** The ids linked from the list page, newest first. */
const listedIds = (page: string) => [...page.matchAll(/<tr data-id="([^"]+)">/g)].map((m) => m[1]);

describe('registering in cruz dev with no email configuration', () => {
  it('logs the tutorial\'s line and shows the welcome email at /dev/mail and /dev/mail/:id', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const app = createTestApp([StartModule, TodosModule, WelcomeModule], { envOverrides: DEV });
    const email = uniqueEmail('jane');
    expect((await app.postJson('/auth/register', { email, password: 'password123', name: 'Jane' })).status).toBe(201);

    const lines = log.mock.calls.map(([line]) => String(line));
    const mailLine = lines.find((line) => line.startsWith('[email] '));
    expect(mailLine).toMatch(new RegExp(`^\\[email\\] "Welcome to My Todos!" to ${email} from My Todos <hello@example.com> \\(read it at /dev/mail/[0-9a-f]{8}\\)$`));
    // The tutorial's line comes after the send.
    expect(lines.indexOf(`Welcome email sent to Jane <${email}>`)).toBeGreaterThan(lines.indexOf(mailLine!));
    expect(fetchSpy).not.toHaveBeenCalled();

    const list = await get(app, '/dev/mail');
    expect(list.response.status).toBe(200);
    expect(list.response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(list.body).toContain(`<td>${email}</td>`);
    const [id] = listedIds(list.body);
    expect(mailLine).toContain(`/dev/mail/${id}`);
    expect(list.body).toContain(`<a href="/dev/mail/${id}">Welcome to My Todos!</a>`);
    expect(list.body).toContain('<td>welcome</td>');

    const one = await get(app, `/dev/mail/${id}`);
    expect(one.response.status).toBe(200);
    expect(one.body).toContain('<dt>From</dt><dd>My Todos &lt;hello@example.com&gt;</dd>');
    expect(one.body).toContain(`<dt>To</dt><dd>${email}</dd>`);
    expect(one.body).toContain('<dt>Subject</dt><dd>Welcome to My Todos!</dd>');
    // The email's HTML, rendered in a sandboxed frame (escaped into srcdoc), and its text part.
    expect(one.body).toMatch(/<iframe title="HTML part" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;!DOCTYPE html&gt;/);
    expect(one.body).toContain('&lt;p&gt;Hi Jane,&lt;/p&gt;');
    expect(one.body).toContain('<pre>Welcome!\n\nHi Jane,\n\nThanks for signing up. Your account is ready.</pre>');
    expect(one.body).toMatch(/<dt>Idempotency key<\/dt><dd>job:[a-z0-9]{24}:email:1<\/dd>/);
    expect(one.response.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
  });
});

describe('the /dev/mail pages', () => {
  const devApp = (clock = new ManualClock()) => createTestApp([], { clock, envOverrides: DEV });

  it('lists newest first and keeps only the latest 50 emails', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const app = devApp(clock);
    const email = app.runtime.resolve(EmailService);
    for (let n = 1; n <= 52; n++) {
      await email.send({ to: `user${n}@example.com`, subject: `Email ${n}`, text: `number ${n}` });
      clock.advance(1000);
    }
    const { body } = await get(app, '/dev/mail');
    const ids = listedIds(body);
    expect(ids).toHaveLength(50);
    expect(body.indexOf('Email 52')).toBeLessThan(body.indexOf('Email 51'));
    expect(body).toContain('<td>2026-01-01T00:00:51.000Z</td>');
    expect(body).not.toContain('>Email 2<');
    expect(body).not.toContain('>Email 1<');
    expect((await get(app, `/dev/mail/${ids[49]}`)).body).toContain('<dt>Subject</dt><dd>Email 3</dd>');
  });

  it('escapes everything on the pages: subject, names, addresses, the framed HTML and the text', async () => {
    const app = devApp();
    await app.runtime.resolve(EmailService).send({
      to: { email: 'jane@example.com', name: '<img src=x onerror=alert(1)>' },
      replyTo: 'help@example.com',
      subject: '<script>alert("s")</script>',
      html: '<p>"quoted" & <b>bold</b></p><script>alert(2)</script>',
      text: '</pre><script>alert(3)</script>',
    });
    const list = await get(app, '/dev/mail');
    const one = await get(app, `/dev/mail/${listedIds(list.body)[0]}`);
    for (const page of [list.body, one.body]) {
      expect(page).not.toContain('<script>');
      expect(page).not.toContain('<img');
      expect(page).toContain('&lt;script&gt;alert(&quot;s&quot;)&lt;/script&gt;');
    }
    expect(one.body).toContain('<dt>Reply-To</dt><dd>help@example.com</dd>');
    expect(one.body).toContain('srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;p&gt;&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    expect(one.body).toContain('<pre>&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;</pre>');
  });

  it('says when the mailbox is empty, 404s an unknown id, and refuses anything but GET', async () => {
    const app = devApp();
    expect((await get(app, '/dev/mail')).body).toContain('No emails yet.');
    expect((await get(app, '/dev/mail/')).response.status).toBe(200);
    const missing = await get(app, '/dev/mail/nope<b>');
    expect(missing.response.status).toBe(404);
    expect(missing.body).toContain('No email with id nope&lt;b&gt;');
    const post = await get(app, '/dev/mail', { method: 'POST' });
    expect(post.response.status).toBe(405);
    expect(post.response.headers.get('Allow')).toBe('GET, HEAD');
  });
});

describe('under the dev server, where every request brings a new env object (so a new runtime)', () => {
  it('/dev/mail still shows what an earlier request\'s job sent: the mailbox belongs to the app', async () => {
    const app = createCruzApp({ schema, modules: [StartModule, WelcomeModule] });
    const freshEnv = () => ({ ...env, CRUZ_JOBS_MODE: 'inline', CRUZ_DEV_MAILBOX: 'on' }) as unknown as CruzEnv;
    const send = async (request: Request) => {
      const ctx = createExecutionContext();
      const response = await app.fetch(request as never, freshEnv(), ctx);
      await waitOnExecutionContext(ctx);
      return response;
    };
    const email = uniqueEmail('jane');
    const registered = await send(new Request('http://app.test/auth/register', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'password123', name: 'Jane' }) }));
    expect(registered.status).toBe(201);
    expect(await (await send(new Request('http://app.test/dev/mail'))).text()).toContain(`<td>${email}</td>`);
  });
});

describe('with production\'s vars (no CRUZ_DEV_MAILBOX)', () => {
  it('/dev/mail does not exist, nothing is kept, and the console line says the email was not sent', async () => {
    const app = createTestApp([StartModule, TodosModule, WelcomeModule]);
    const email = uniqueEmail('jane');
    await app.postJson('/auth/register', { email, password: 'password123', name: 'Jane' });
    expect(app.runtime.devMailbox).toBeUndefined();
    for (const path of ['/dev/mail', '/dev/mail/abc']) expect((await get(app, path)).response.status).toBe(404);
    expect(log).toHaveBeenCalledWith(`[email] not sent (console): "Welcome to My Todos!" to ${email} from My Todos <hello@example.com>`);
    expect(log).toHaveBeenCalledWith(`Welcome email sent to Jane <${email}>`);
  });

  it('CRUZ_DEV_MAILBOX must be exactly "on"', () => {
    for (const value of ['off', 'true', '1', '']) {
      expect(createTestApp([], { envOverrides: { CRUZ_DEV_MAILBOX: value } }).runtime.devMailbox).toBeUndefined();
    }
  });
});
