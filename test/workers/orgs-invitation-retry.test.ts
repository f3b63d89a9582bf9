// A retried invitation email must carry the same link as the first attempt. The provider is faked at
// the HTTP level (fetch), the job runs through the real queue consumer with an injected clock, and the
// first attempt's answer is lost after the provider delivered it: the case a retry exists for.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { createTestApp, ManualClock, uniqueEmail, type TestApp } from './support/test-app';
import { RecordingQueue } from './support/recording-queue';
import { callApi, createOrg, signUp, type SignedInUser } from './support/signed-in-user';

const START = Date.UTC(2026, 2, 1, 9);
const RESEND_URL = 'https://api.resend.com/emails';
const POSTMARK_URL = 'https://api.postmarkapp.com/email';
const PROVIDERS = {
  resend: { EMAIL_PROVIDER: 'resend', EMAIL_API_KEY: 're_test_123' },
  postmark: { EMAIL_PROVIDER: 'postmark', EMAIL_API_KEY: 'pm-server-token' },
} as const;

type Request_ = { url: string; key: string | null; body: string };

/**
 * A fake email provider. Resend follows its documented idempotency rule: the first request with a key
 * is delivered and its answer kept; the same key with the same body gets that answer again and
 * delivers nothing; the same key with a different body is refused with 409 invalid_idempotent_request.
 * Postmark has no idempotency keys: every request is a delivery. `loseNextAnswer()` makes the next
 * request be delivered, then fail on the way back as a dropped connection.
 */
function fakeProvider() {
  const requests: Request_[] = [];
  const deliveries: Request_[] = [];
  const firstAnswers = new Map<string, { body: string; answer: unknown }>();
  let loseNext = false;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    const seen: Request_ = { url: request.url, key: request.headers.get('Idempotency-Key'), body: await request.text() };
    requests.push(seen);
    const earlier = request.url === RESEND_URL && seen.key ? firstAnswers.get(seen.key) : undefined;
    if (earlier && earlier.body !== seen.body) {
      return Response.json(
        { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' },
        { status: 409 },
      );
    }
    if (earlier) return Response.json(earlier.answer); // a replay: nothing is sent again
    deliveries.push(seen);
    const answer = request.url === RESEND_URL ? { id: `re_${deliveries.length}` } : { ErrorCode: 0, Message: 'OK', MessageID: `pm_${deliveries.length}` };
    if (request.url === RESEND_URL && seen.key) firstAnswers.set(seen.key, { body: seen.body, answer });
    if (loseNext) {
      loseNext = false;
      throw new TypeError('Network connection lost.');
    }
    return Response.json(answer);
  });
  return {
    requests,
    deliveries,
    loseNextAnswer() {
      loseNext = true;
    },
  };
}

/** The accept link in a delivered email's text part (Resend `text`, Postmark `TextBody`). */
function linkIn(delivery: Request_): string {
  const body = JSON.parse(delivery.body);
  const text: string = body.text ?? body.TextBody;
  const match = /Accept the invitation: (\S+)/.exec(text);
  if (!match) throw new Error(`no accept link in ${text}`);
  return match[1];
}
const tokenOf = (link: string) => link.split('/invitations/')[1];
const jobRow = (id: string) => env.DB.prepare('SELECT * FROM Job WHERE id = ?').bind(id).first<Record<string, any>>();

let clock: ManualClock;
let queue: RecordingQueue;

beforeEach(() => {
  clock = new ManualClock(START);
  queue = new RecordingQueue();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function appFor(provider: keyof typeof PROVIDERS): TestApp {
  return createTestApp([StartModule, TodosModule], {
    clock,
    jobsMode: 'queue',
    envOverrides: { JOBS: queue, EMAIL_FROM: 'My Todos <hello@example.com>', ...PROVIDERS[provider] },
  });
}

/** Delivers the recorded queue messages to the app's queue() handler, as the runtime would. */
async function consume(app: TestApp) {
  const messages = queue.sent.splice(0).map((m, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts: 1, body: m.body }));
  const batch = createMessageBatch('my-todos-jobs', messages);
  const ctx = createExecutionContext();
  await app.app.queue(batch as never, app.env, ctx);
  return getQueueResult(batch, ctx);
}

/** Owner Olivia invites Bob (who has an account) into Acme; returns the email job's id, not yet run. */
async function invite(app: TestApp): Promise<{ owner: SignedInUser; bob: SignedInUser; orgId: string; jobId: string; invitationId: string }> {
  const owner = await signUp(app, 'Olivia');
  const orgId = await createOrg(app, owner, 'Acme');
  const bob = await signUp(app, 'Bob', uniqueEmail('bob'));
  queue.sent.splice(0);
  const answer = await callApi(app, owner, 'POST', `/api/orgs/${orgId}/invitations`, { email: bob.email });
  expect(answer.status).toBe(201);
  expect(queue.sent).toHaveLength(1);
  return { owner, bob, orgId, jobId: queue.sent[0].body.jobId, invitationId: answer.body.invitation.id };
}

describe('an invitation email retried after its answer was lost', () => {
  it('Resend: the retry is a byte-identical request, Resend replays its answer, one email is delivered and its link works', async () => {
    const app = appFor('resend');
    const { bob, orgId, jobId } = await invite(app);
    const resend = fakeProvider();
    resend.loseNextAnswer();

    await consume(app); // run 1: delivered, the answer is lost
    expect(await jobRow(jobId)).toMatchObject({ status: 'FAILED', attempts: 1 });
    clock.advance(10_000);
    queue.sent.push({ body: { jobId } }); // the sweeper's wake-up for the due retry
    await consume(app); // run 2: the same key again

    expect(resend.requests).toHaveLength(2);
    expect(resend.requests.map((r) => r.key)).toEqual([`job:${jobId}:email:1`, `job:${jobId}:email:1`]);
    expect(resend.requests[1].body).toBe(resend.requests[0].body);
    expect(await jobRow(jobId)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    expect(resend.deliveries).toHaveLength(1);

    const accepted = await callApi(app, bob, 'POST', `/api/invitations/${tokenOf(linkIn(resend.deliveries[0]))}/accept`);
    expect(accepted).toEqual({ status: 200, body: { orgId, orgName: 'Acme' } });
  });

  it('Postmark (no idempotency keys): the retry delivers a second, identical copy; the one link works', async () => {
    const app = appFor('postmark');
    const { bob, jobId } = await invite(app);
    const postmark = fakeProvider();
    postmark.loseNextAnswer();

    await consume(app);
    clock.advance(10_000);
    queue.sent.push({ body: { jobId } });
    await consume(app);

    expect(await jobRow(jobId)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    expect(postmark.deliveries.map((d) => d.url)).toEqual([POSTMARK_URL, POSTMARK_URL]);
    expect(postmark.deliveries[1].body).toBe(postmark.deliveries[0].body);
    expect((await callApi(app, bob, 'POST', `/api/invitations/${tokenOf(linkIn(postmark.deliveries[0]))}/accept`)).status).toBe(200);
  });

  it('a job that runs twice (a lease taken over) sends the same request both times, and the link works after both', async () => {
    const app = appFor('resend');
    const { bob, jobId } = await invite(app);
    const resend = fakeProvider();
    await consume(app);
    expect(await jobRow(jobId)).toMatchObject({ status: 'COMPLETED' });
    // The worker died before settling: the job is run again once its lease expires.
    await env.DB.prepare("UPDATE Job SET status = 'PROCESSING', leaseExpiresAt = ? WHERE id = ?").bind(START - 1, jobId).run();
    queue.sent.push({ body: { jobId } });
    await consume(app);

    expect(resend.requests).toHaveLength(2);
    expect(resend.requests[1].body).toBe(resend.requests[0].body);
    expect(resend.deliveries).toHaveLength(1);
    expect((await callApi(app, bob, 'POST', `/api/invitations/${tokenOf(linkIn(resend.deliveries[0]))}/accept`)).status).toBe(200);
  });
});
