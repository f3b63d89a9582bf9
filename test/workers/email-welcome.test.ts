// The tutorial's email-sending WelcomeEmailHandler with a real provider configured: registering sends
// the welcome email through the provider's API, and the tutorial's log line follows a successful send.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { WelcomeModule } from '../../src/features/welcome';
import { createTestApp, uniqueEmail } from './support/test-app';

const RESEND = { EMAIL_PROVIDER: 'resend', EMAIL_API_KEY: 're_live_key', EMAIL_FROM: 'My Todos <hello@example.com>' };

type Sent = { url: string; headers: Record<string, string>; body: any };
function interceptFetch(...answers: Response[]) {
  const sent: Sent[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    sent.push({ url: request.url, headers: Object.fromEntries(request.headers), body: JSON.parse(await request.text()) });
    return answers.shift() ?? Response.json({ id: 're-1' });
  });
  return sent;
}

const jobFor = (email: string) =>
  env.DB.prepare("SELECT * FROM Job WHERE json_extract(payload, '$.email') = ?").bind(email).first<Record<string, any>>();

let log: MockInstance<typeof console.log>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('WelcomeEmailHandler with EMAIL_PROVIDER=resend', () => {
  it('sends the tutorial\'s welcome email, then logs the tutorial\'s line; the job completes with the recipient', async () => {
    const sent = interceptFetch();
    const app = createTestApp([StartModule, TodosModule, WelcomeModule], { envOverrides: RESEND });
    const email = uniqueEmail('jane');
    expect((await app.postJson('/auth/register', { email, password: 'password123', name: 'Jane' })).status).toBe(201);

    const job = (await jobFor(email))!;
    expect(job).toMatchObject({ type: 'todos/welcome-email', status: 'COMPLETED', attempts: 1 });
    expect(JSON.parse(job.summary)).toEqual({ recipient: email });
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('https://api.resend.com/emails');
    expect(sent[0].headers['idempotency-key']).toBe(`job:${job.id}:email:1`);
    expect(sent[0].body).toMatchObject({ from: 'My Todos <hello@example.com>', to: [email], subject: 'Welcome to My Todos!' });
    expect(sent[0].body.html).toContain('<p>Hi Jane,</p>');
    expect(log).toHaveBeenCalledWith(`Welcome email sent to Jane <${email}>`);
  });

  it('greets "there" when the user gave no name, and logs the address in its place', async () => {
    const sent = interceptFetch();
    const app = createTestApp([StartModule, WelcomeModule], { envOverrides: RESEND });
    const email = uniqueEmail();
    await app.postJson('/auth/register', { email, password: 'password123' });
    expect(sent[0].body.html).toContain('<p>Hi there,</p>');
    expect(log).toHaveBeenCalledWith(`Welcome email sent to ${email} <${email}>`);
  });

  it('does not log the line when the provider refuses the email: the job is DEAD with Resend\'s message', async () => {
    interceptFetch(Response.json({ statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }, { status: 422 }));
    const app = createTestApp([StartModule, WelcomeModule], { envOverrides: RESEND });
    const email = uniqueEmail('jane');
    expect((await app.postJson('/auth/register', { email, password: 'password123', name: 'Jane' })).status).toBe(201);
    expect(await jobFor(email)).toMatchObject({
      status: 'DEAD',
      attempts: 1,
      lastError: 'EmailRejectedError: Resend rejected the email (HTTP 422): Invalid `to` field. (validation_error)',
    });
    expect(log).not.toHaveBeenCalledWith(`Welcome email sent to Jane <${email}>`);
  });
});
