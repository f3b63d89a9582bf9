// The three providers at the HTTP level: fetch is intercepted, so the real transport code builds and
// sends each request, and the real job pipeline (queue mode, injected clock) decides what happens next.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Inject, Injectable, Module } from '@cruzjs/core/di';
import { EmailService, welcomeTemplate, type SendEmailInput } from '@cruzjs/core/email';
import { JOB_HANDLER, ManualClock, type Job, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { createTestApp, type TestApp } from './support/test-app';
import { RecordingQueue } from './support/recording-queue';

// ---- outbound HTTP, intercepted -------------------------------------------------------------------
type Sent = { url: string; method: string; headers: Record<string, string>; body: any };
type Answer = Response | Error;

/** Records every outbound request and answers with `answers` in order (then 200 {}). */
function interceptFetch(...answers: Answer[]) {
  const sent: Sent[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    sent.push({ url: request.url, method: request.method, headers: Object.fromEntries(request.headers), body: JSON.parse(await request.text()) });
    const answer = answers.shift() ?? Response.json({});
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return sent;
}
const json = (status: number, body: unknown) => Response.json(body, { status });

// ---- a job that sends what its payload says --------------------------------------------------------
@Injectable()
class SendingHandler implements JobHandler<{ sends: SendEmailInput[] }> {
  metadata = { type: 'email-test/send', description: 'sends the payload\'s emails' };
  constructor(@Inject(EmailService) private readonly email: EmailService) {}
  async run(job: Job<{ sends: SendEmailInput[] }>): Promise<JobResult> {
    for (const input of job.payload.sends) await this.email.send(input);
    return { success: true, summary: { sent: job.payload.sends.length } };
  }
}
@Module({ providers: [SendingHandler], jobHandlers: [{ provide: JOB_HANDLER, useClass: SendingHandler, multi: true }] })
class SendingModule {}

const PROVIDERS = {
  resend: { EMAIL_PROVIDER: 'resend', EMAIL_API_KEY: 're_test_123' },
  postmark: { EMAIL_PROVIDER: 'postmark', EMAIL_API_KEY: 'pm-server-token' },
  sendgrid: { EMAIL_PROVIDER: 'sendgrid', EMAIL_API_KEY: 'SG.test-key' },
} as const;
type Provider = keyof typeof PROVIDERS;

const WELCOME_JANE: SendEmailInput = { to: 'Jane <jane@example.com>', subject: 'Welcome to My Todos!', template: 'welcome', data: { name: 'Jane' } };
const JANE_HTML = welcomeTemplate.html({ name: 'Jane' }).value;
const JANE_TEXT = 'Welcome!\n\nHi Jane,\n\nThanks for signing up. Your account is ready.';

let clock: ManualClock;
let queue: RecordingQueue;

beforeEach(() => {
  clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  queue = new RecordingQueue();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function appFor(provider: Provider): TestApp {
  return createTestApp([SendingModule], {
    clock,
    jobsMode: 'queue',
    envOverrides: { JOBS: queue, EMAIL_FROM: 'My Todos <hello@example.com>', ...PROVIDERS[provider] },
  });
}

/** Creates the job and delivers its queue message to the app's queue() handler, as the runtime would. */
async function enqueue(app: TestApp, sends: SendEmailInput[]) {
  const job = await app.runtime.jobService.createJob({ type: 'email-test/send', payload: { sends } });
  await consume(app);
  return job.id;
}
async function consume(app: TestApp) {
  const messages = queue.sent.splice(0).map((m, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts: 1, body: m.body }));
  const batch = createMessageBatch('my-todos-jobs', messages);
  const ctx = createExecutionContext();
  await app.app.queue(batch as never, app.env, ctx);
  return getQueueResult(batch, ctx);
}
/** The sweeper's wake-up for a due retry, without waiting for it: the job's message again. */
async function retryNow(app: TestApp, jobId: string) {
  queue.sent.push({ body: { jobId } });
  return consume(app);
}
const jobRow = (id: string) => env.DB.prepare('SELECT * FROM Job WHERE id = ?').bind(id).first<Record<string, any>>();

describe('the request each provider receives for a welcome email to Jane <jane@example.com>', () => {
  it('Resend: POST https://api.resend.com/emails, Bearer key, idempotency key of the job, JSON body', async () => {
    const sent = interceptFetch(json(200, { id: 're-msg-1' }));
    const jobId = await enqueue(appFor('resend'), [WELCOME_JANE]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: 'https://api.resend.com/emails', method: 'POST' });
    expect(sent[0].headers).toMatchObject({
      authorization: 'Bearer re_test_123',
      'content-type': 'application/json',
      'idempotency-key': `job:${jobId}:email:1`,
    });
    expect(sent[0].body).toEqual({
      from: 'My Todos <hello@example.com>',
      to: ['Jane <jane@example.com>'],
      subject: 'Welcome to My Todos!',
      html: JANE_HTML,
      text: JANE_TEXT,
    });
    expect((await jobRow(jobId))!.status).toBe('COMPLETED');
  });

  it('Postmark: POST https://api.postmarkapp.com/email, server token header, Accept JSON, the outbound stream', async () => {
    const sent = interceptFetch(json(200, { ErrorCode: 0, Message: 'OK', MessageID: 'pm-1' }));
    const jobId = await enqueue(appFor('postmark'), [WELCOME_JANE]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: 'https://api.postmarkapp.com/email', method: 'POST' });
    expect(sent[0].headers).toMatchObject({ 'x-postmark-server-token': 'pm-server-token', accept: 'application/json', 'content-type': 'application/json' });
    expect(sent[0].headers).not.toHaveProperty('idempotency-key');
    expect(sent[0].body).toEqual({
      From: 'My Todos <hello@example.com>',
      To: 'Jane <jane@example.com>',
      Subject: 'Welcome to My Todos!',
      HtmlBody: JANE_HTML,
      TextBody: JANE_TEXT,
      MessageStream: 'outbound',
      Metadata: { idempotency_key: `job:${jobId}:email:1` },
    });
    expect((await jobRow(jobId))!.status).toBe('COMPLETED');
  });

  it('SendGrid: POST https://api.sendgrid.com/v3/mail/send, Bearer key, personalizations, text before html; 202 completes the job', async () => {
    const sent = interceptFetch(new Response(null, { status: 202, headers: { 'X-Message-Id': 'sg-1' } }));
    const jobId = await enqueue(appFor('sendgrid'), [WELCOME_JANE]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: 'https://api.sendgrid.com/v3/mail/send', method: 'POST' });
    expect(sent[0].headers).toMatchObject({ authorization: 'Bearer SG.test-key', 'content-type': 'application/json' });
    expect(sent[0].body).toEqual({
      personalizations: [{ to: [{ email: 'jane@example.com', name: 'Jane' }] }],
      from: { email: 'hello@example.com', name: 'My Todos' },
      subject: 'Welcome to My Todos!',
      content: [
        { type: 'text/plain', value: JANE_TEXT },
        { type: 'text/html', value: JANE_HTML },
      ],
      custom_args: { idempotency_key: `job:${jobId}:email:1` },
    });
    expect((await jobRow(jobId))!.status).toBe('COMPLETED');
  });

  it('maps replyTo, a per-send from and several recipients onto each provider\'s fields', async () => {
    const input: SendEmailInput = {
      to: ['jane@example.com', { email: 'joe@example.com', name: 'Joe' }],
      from: 'Support <support@example.com>',
      replyTo: { email: 'help@example.com', name: 'Help Desk' },
      subject: 'Hello',
      text: 'Plain only',
    };
    const sent = interceptFetch(json(200, { id: 'x' }), json(200, { MessageID: 'y' }), new Response(null, { status: 202 }));
    for (const provider of ['resend', 'postmark', 'sendgrid'] as const) await appFor(provider).runtime.resolve(EmailService).send(input);
    expect(sent[0].body).toEqual({ from: 'Support <support@example.com>', to: ['jane@example.com', 'Joe <joe@example.com>'], subject: 'Hello', text: 'Plain only', reply_to: 'Help Desk <help@example.com>' });
    expect(sent[1].body).toEqual({ From: 'Support <support@example.com>', To: 'jane@example.com, Joe <joe@example.com>', Subject: 'Hello', TextBody: 'Plain only', ReplyTo: 'Help Desk <help@example.com>', MessageStream: 'outbound' });
    expect(sent[2].body).toEqual({
      personalizations: [{ to: [{ email: 'jane@example.com' }, { email: 'joe@example.com', name: 'Joe' }] }],
      from: { email: 'support@example.com', name: 'Support' },
      reply_to: { email: 'help@example.com', name: 'Help Desk' },
      subject: 'Hello',
      content: [{ type: 'text/plain', value: 'Plain only' }],
    });
  });

  it('sends no idempotency key outside a job, and returns the provider\'s message id', async () => {
    const sent = interceptFetch(json(200, { id: 're-42' }));
    const result = await appFor('resend').runtime.resolve(EmailService).send(WELCOME_JANE);
    expect(sent[0].headers).not.toHaveProperty('idempotency-key');
    expect(result).toEqual({ provider: 'Resend', messageId: 're-42' });
  });
});

describe('transient failures retry the job; the retry delivers once, with the same idempotency key', () => {
  const success: Record<Provider, () => Response> = {
    resend: () => json(200, { id: 're-1' }),
    postmark: () => json(200, { ErrorCode: 0, Message: 'OK', MessageID: 'pm-1' }),
    sendgrid: () => new Response(null, { status: 202 }),
  };
  const keyOf = (provider: Provider, request: Sent) =>
    provider === 'resend' ? request.headers['idempotency-key'] : provider === 'postmark' ? request.body.Metadata.idempotency_key : request.body.custom_args.idempotency_key;

  for (const provider of ['resend', 'postmark', 'sendgrid'] as const) {
    it(`${provider}: 500, then 200 after the 10 s retry: COMPLETED after two runs, one delivery`, async () => {
      const sent = interceptFetch(json(500, { message: 'internal error' }), success[provider]());
      const app = appFor(provider);
      const jobId = await enqueue(app, [WELCOME_JANE]);
      const failed = (await jobRow(jobId))!;
      expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, runAt: clock.now().getTime() + 10_000 });
      expect(failed.lastError).toMatch(/EmailDeliveryError: .* is unavailable \(HTTP 500\)/);

      clock.advance(10_000);
      await retryNow(app, jobId);
      expect(await jobRow(jobId)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
      expect(sent).toHaveLength(2);
      expect(keyOf(provider, sent[1])).toBe(`job:${jobId}:email:1`);
      expect(keyOf(provider, sent[0])).toBe(keyOf(provider, sent[1]));
      expect(sent[1].body).toEqual(sent[0].body); // the same message, so Resend replays instead of sending again
    });
  }

  const transient: [string, () => Answer][] = [
    ['a network error', () => new TypeError('Network connection lost.')],
    ['429 Too Many Requests', () => json(429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' })],
    ['503', () => new Response('<html>Service Unavailable</html>', { status: 503 })],
    ['Resend\'s 409 concurrent_idempotent_requests', () => json(409, { statusCode: 409, name: 'concurrent_idempotent_requests', message: 'Same idempotency key used while original request is still in progress.' })],
  ];
  for (const [label, answer] of transient) {
    it(`retries after ${label}`, async () => {
      interceptFetch(answer());
      const jobId = await enqueue(appFor('resend'), [WELCOME_JANE]);
      expect(await jobRow(jobId)).toMatchObject({ status: 'FAILED', attempts: 1 });
    });
  }

  it('numbers the emails of one run (…:email:1, …:email:2) and keeps the numbers on the retry', async () => {
    const second: SendEmailInput = { to: 'joe@example.com', subject: 'Second', text: 'two' };
    // Run 1: the first email is accepted, the second fails. Run 2: both are sent again with the same keys;
    // Resend replays the first instead of delivering it twice.
    const sent = interceptFetch(json(200, { id: 'a' }), json(502, {}), json(200, { id: 'a' }), json(200, { id: 'b' }));
    const app = appFor('resend');
    const jobId = await enqueue(app, [WELCOME_JANE, second]);
    clock.advance(10_000);
    await retryNow(app, jobId);
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([1, 2, 1, 2].map((n) => `job:${jobId}:email:${n}`));
    expect((await jobRow(jobId))!.status).toBe('COMPLETED');
  });

  it('gives different jobs different keys', async () => {
    const sent = interceptFetch();
    const app = appFor('resend');
    const a = await enqueue(app, [WELCOME_JANE]);
    const b = await enqueue(app, [WELCOME_JANE]);
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([`job:${a}:email:1`, `job:${b}:email:1`]);
  });
});

describe('permanent failures make the job DEAD after one run, with the provider\'s message', () => {
  const rejections: [Provider, Response, string][] = [
    ['postmark', json(422, { ErrorCode: 300, Message: "Invalid 'To' address: 'jane@example'." }), "Postmark rejected the email (HTTP 422): Invalid 'To' address: 'jane@example'. (ErrorCode 300)"],
    ['resend', json(422, { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }), 'Resend rejected the email (HTTP 422): Invalid `to` field. (validation_error)'],
    ['sendgrid', json(400, { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: null }] }), 'SendGrid rejected the email (HTTP 400): personalizations.0.to.0.email: Does not contain a valid address.'],
    ['resend', json(403, { statusCode: 403, name: 'validation_error', message: 'The example.com domain is not verified.' }), 'Resend rejected the email (HTTP 403): The example.com domain is not verified. (validation_error)'],
    ['postmark', json(401, { ErrorCode: 10, Message: 'No Account or Server API tokens were supplied in the HTTP headers.' }), 'Postmark rejected the email (HTTP 401): No Account or Server API tokens were supplied in the HTTP headers. (ErrorCode 10)'],
    ['resend', json(409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' }), 'Resend rejected the email (HTTP 409): Same idempotency key used with a different request payload. (invalid_idempotent_request)'],
  ];
  for (const [provider, answer, message] of rejections) {
    it(`${provider} ${answer.status}: DEAD at once, "${message.slice(0, 60)}…"`, async () => {
      const sent = interceptFetch(answer);
      const app = appFor(provider);
      const jobId = await enqueue(app, [WELCOME_JANE]);
      const row = (await jobRow(jobId))!;
      expect(row).toMatchObject({ status: 'DEAD', attempts: 1 });
      expect(row.lastError).toBe(`EmailRejectedError: ${message}`);
      expect(sent).toHaveLength(1);
      await retryNow(app, jobId); // a stray wake-up changes nothing
      expect(sent).toHaveLength(1);
    });
  }

  it('uses the response text when the provider\'s error is not JSON', async () => {
    interceptFetch(new Response('Bad Request: malformed', { status: 400 }));
    const jobId = await enqueue(appFor('sendgrid'), [WELCOME_JANE]);
    expect((await jobRow(jobId))!.lastError).toBe('EmailRejectedError: SendGrid rejected the email (HTTP 400): Bad Request: malformed');
  });
});
