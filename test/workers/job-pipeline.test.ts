import { createExecutionContext, createScheduledController, env, getQueueResult } from 'cloudflare:test';
import { exports as workerExports } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { Injectable, Module } from '@cruzjs/core/di';
import { JOB_HANDLER, ManualClock, NonRetryableError, type Job, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { StartModule } from '@cruzjs/start';
import { WelcomeModule } from '../../src/features/welcome';
import { createTestApp, uniqueEmail, type TestApp } from './support/test-app';
import { RecordingQueue, jobBatch } from './support/recording-queue';

const jobRow = (id: string) => env.DB.prepare('SELECT * FROM Job WHERE id = ?').bind(id).first<Record<string, any>>();
const SECOND = 1000;

// Handlers the tests script: behaviour by payload, runs counted per job id.
const runsByJob = new Map<string, number>();
type Script = { fail?: 'throw' | 'false' | 'non-retryable' | 'string'; gate?: Promise<void> };

@Injectable()
class ScriptedHandler implements JobHandler<Script> {
  metadata = { type: 'pipeline/scripted', description: 'does what the payload says' };
  async run(job: Job<Script>): Promise<JobResult> {
    runsByJob.set(job.id, (runsByJob.get(job.id) ?? 0) + 1);
    const fail = job.payload.fail;
    if (fail === 'throw') throw new Error('provider timed out');
    if (fail === 'string') throw 'plain string failure';
    if (fail === 'non-retryable') throw new NonRetryableError('address rejected');
    if (fail === 'false') return { success: false, error: 'not today' };
    return { success: true, summary: { ok: true } };
  }
}

@Injectable()
class QuickRetryHandler implements JobHandler {
  metadata = { type: 'pipeline/quick-retry', description: 'declares its own policy', retries: 1, backoffSeconds: [2] };
  async run(): Promise<JobResult> {
    throw new Error('always');
  }
}

@Module({
  providers: [ScriptedHandler, QuickRetryHandler],
  jobHandlers: [
    { provide: JOB_HANDLER, useClass: ScriptedHandler, multi: true },
    { provide: JOB_HANDLER, useClass: QuickRetryHandler, multi: true },
  ],
})
class PipelineModule {}

let clock: ManualClock;
let queue: RecordingQueue;
let app: TestApp;

beforeEach(async () => {
  // The sweeper looks at the whole table: start each test from an empty one (storage is per test file).
  await env.DB.prepare('DELETE FROM Job').run();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  queue = new RecordingQueue();
  app = createTestApp([StartModule, PipelineModule], { clock, jobsMode: 'queue', envOverrides: { JOBS: queue } });
});
afterEach(() => vi.restoreAllMocks());

/** Runs a batch through the app's queue() and reports acks and retries, with each retry's delaySeconds. */
async function consume(batch: ReturnType<typeof jobBatch>) {
  // getQueueResult does not record retry options in this pool version, so the retry calls are watched.
  const retries = batch.messages.map((message) => vi.spyOn(message, 'retry'));
  const ctx = createExecutionContext();
  await app.app.queue(batch as never, app.env, ctx);
  const result = await getQueueResult(batch, ctx);
  const retryMessages = result.retryMessages.map(({ msgId }: { msgId: string }) => {
    const index = batch.messages.findIndex((m) => m.id === msgId);
    return { msgId, delaySeconds: (retries[index].mock.calls[0]?.[0] as { delaySeconds?: number } | undefined)?.delaySeconds };
  });
  return { ...result, retryMessages };
}

const create = (payload: Script = {}, type = 'pipeline/scripted') => app.runtime.jobService.createJob({ type, payload });

describe('production mode: createJob writes the row, then sends { jobId }', () => {
  it('sends one message per job, carrying only the id', async () => {
    const job = await create();
    expect(queue.sent).toEqual([{ body: { jobId: job.id }, delaySeconds: 0 }]);
    expect((await jobRow(job.id))!.status).toBe('PENDING');
  });
});

describe('retry timing (injected clock)', () => {
  it('retries after exactly 10 s, 60 s and 300 s, never sooner, and the 4th failure is DEAD', async () => {
    const job = await create({ fail: 'throw' });
    for (const delay of [10, 60, 300]) {
      const result = await consume(jobBatch([job.id]));
      expect(result.retryMessages).toEqual([{ msgId: 'msg-0', delaySeconds: delay }]);
      const row = await jobRow(job.id);
      expect(row).toMatchObject({ status: 'FAILED', lastError: 'provider timed out', runAt: clock.now().getTime() + delay * SECOND });

      clock.advance(delay * SECOND - 1); // one millisecond early: the claim does nothing, the message comes back
      const early = await consume(jobBatch([job.id]));
      expect(early.explicitAcks).toEqual([]);
      expect(early.retryMessages).toEqual([{ msgId: 'msg-0', delaySeconds: 1 }]);
      expect(await jobRow(job.id)).toMatchObject({ status: 'FAILED', attempts: [10, 60, 300].indexOf(delay) + 1 });
      clock.advance(1);
    }
    const last = await consume(jobBatch([job.id]));
    expect(last.explicitAcks).toEqual(['msg-0']);
    expect(last.retryMessages).toEqual([]);
    expect(await jobRow(job.id)).toMatchObject({ status: 'DEAD', attempts: 4, lastError: 'provider timed out' });
    expect(runsByJob.get(job.id)).toBe(4);
  });

  it('follows a handler\'s own retries and backoff from its metadata', async () => {
    const job = await create({}, 'pipeline/quick-retry');
    expect((await consume(jobBatch([job.id]))).retryMessages).toEqual([{ msgId: 'msg-0', delaySeconds: 2 }]);
    clock.advance(2 * SECOND);
    await consume(jobBatch([job.id]));
    expect(await jobRow(job.id)).toMatchObject({ status: 'DEAD', attempts: 2, maxAttempts: 2 });
  });
});

describe('the queue consumer', () => {
  it('claims a whole batch with one statement and settles it with one D1 batch', async () => {
    const jobs = await Promise.all(Array.from({ length: 10 }, () => create()));
    const claim = vi.spyOn(app.runtime.jobStore, 'claim');
    const settle = vi.spyOn(app.runtime.jobStore, 'settle');
    const result = await consume(jobBatch(jobs.map((j) => j.id)));
    expect(result.explicitAcks).toHaveLength(10);
    expect(claim).toHaveBeenCalledTimes(1);
    expect(settle).toHaveBeenCalledTimes(1);
    expect(settle.mock.calls[0][0]).toHaveLength(10);
  });

  it('claims a batch of 100 in statements of at most 90 ids (D1 binds at most 100 parameters)', async () => {
    const jobs = await app.runtime.jobService.createJobs(Array.from({ length: 100 }, () => ({ type: 'pipeline/scripted', payload: {} as Script })));
    const result = await consume(jobBatch(jobs.map((j) => j.id)));
    expect(result.explicitAcks).toHaveLength(100);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM Job WHERE status != 'COMPLETED'").first<{ n: number }>();
    expect(left!.n).toBe(0);
  });

  it('acks and retries each message on its own: [succeeds, throws, succeeds] gives two acks and one retry', async () => {
    const a = await create();
    const b = await create({ fail: 'throw' });
    const c = await create();
    const result = await consume(jobBatch([a.id, b.id, c.id]));
    expect(result.explicitAcks.sort()).toEqual(['msg-0', 'msg-2']);
    expect(result.retryMessages).toEqual([{ msgId: 'msg-1', delaySeconds: 10 }]);
    expect(result.retryBatch.retry).toBe(false);
    expect((await jobRow(a.id))!.status).toBe('COMPLETED');
    expect((await jobRow(c.id))!.status).toBe('COMPLETED');
  });

  it('runs each handler once when every message is delivered twice', async () => {
    const jobs = await Promise.all([create(), create(), create()]);
    const ids = jobs.map((j) => j.id);
    const first = await consume(jobBatch([...ids, ...ids]));
    expect(first.explicitAcks).toHaveLength(6);
    await consume(jobBatch(ids)); // and once more, after they completed
    for (const id of ids) {
      expect(runsByJob.get(id)).toBe(1);
      expect((await jobRow(id))!.status).toBe('COMPLETED');
    }
  });

  it('lets exactly one of two consumers claiming one job at once win', async () => {
    const job = await create();
    const other = createTestApp([StartModule, PipelineModule], { clock, jobsMode: 'queue', envOverrides: { JOBS: new RecordingQueue() } });
    const outcomes = await Promise.all([app.runtime.jobRunner.run(job.id), other.runtime.jobRunner.run(job.id)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['completed', 'skipped']);
    expect(runsByJob.get(job.id)).toBe(1);
  });

  it('acks a message without a jobId instead of retrying it forever', async () => {
    const { createMessageBatch } = await import('cloudflare:test');
    const batch = createMessageBatch('my-todos-jobs', [{ id: 'junk', timestamp: new Date(), attempts: 1, body: 'hello' }]);
    const result = await consume(batch as never);
    expect(result.explicitAcks).toEqual(['junk']);
  });
});

describe('leases', () => {
  it('takes back a PROCESSING job whose lease expired, and leaves one whose lease is live', async () => {
    const job = await create();
    await app.runtime.jobStore.claim([job.id], clock.now(), 15 * 60 * SECOND); // a worker took it, then died
    clock.advance(15 * 60 * SECOND - 1);
    expect(await app.runtime.jobRunner.run(job.id)).toMatchObject({ outcome: 'skipped' });
    expect(runsByJob.get(job.id)).toBeUndefined();
    clock.advance(1);
    expect(await app.runtime.jobRunner.run(job.id)).toMatchObject({ outcome: 'completed' });
    expect(await jobRow(job.id)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
  });

  it('a worker whose lease was taken over cannot settle the job afterwards', async () => {
    const job = await create();
    const [stale] = await app.runtime.jobStore.claim([job.id], clock.now(), 1000);
    clock.advance(1000);
    await app.runtime.jobRunner.run(job.id); // the new holder completes it
    expect(await app.runtime.jobStore.fail(stale, 'late failure', null, clock.now())).toBe(false);
    expect((await jobRow(job.id))!.status).toBe('COMPLETED');
  });
});

describe('the sweeper', () => {
  const sweep = async () => {
    const ctx = createExecutionContext();
    await app.app.scheduled(createScheduledController({ scheduledTime: clock.now(), cron: '* * * * *' }), app.env, ctx);
  };

  it('sends again a job whose message was never sent; it then completes. Registration is unaffected', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    // The shipped welcome feature, so registration itself creates a job whose send fails.
    const shipped = createTestApp([StartModule, WelcomeModule, PipelineModule], { clock, jobsMode: 'queue', envOverrides: { JOBS: queue } });
    queue.failing = true;
    const email = uniqueEmail();
    const registered = await shipped.postJson('/auth/register', { email, password: 'password123' });
    expect(registered.status).toBe(201);
    expect(queue.sendBatchCalls).toBe(1);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('could not send 1 job message(s)'), expect.any(Error));
    const welcome = (await env.DB.prepare("SELECT id, status FROM Job WHERE type = 'todos/welcome-email' AND json_extract(payload, '$.email') = ?").bind(email).first<{ id: string; status: string }>())!;
    expect(welcome.status).toBe('PENDING');

    queue.failing = false;
    clock.advance(59 * SECOND);
    await sweep();
    expect(queue.sent).toEqual([]); // still within the grace period
    clock.advance(1 * SECOND);
    await sweep();
    expect(queue.sent.map((m) => m.body.jobId)).toEqual([welcome.id]);
    const batch = queue.drainAsBatch();
    const ctx = createExecutionContext();
    await shipped.app.queue(batch as never, shipped.env, ctx);
    await getQueueResult(batch, ctx);
    expect((await jobRow(welcome.id))!.status).toBe('COMPLETED');
  });

  it('wakes due FAILED jobs and expired leases; marks DEAD a job whose last allowed run lost its worker', async () => {
    const failed = await create({ fail: 'throw' });
    await consume(jobBatch([failed.id])); // FAILED, due in 10 s
    const crashed = await create();
    await app.runtime.jobStore.claim([crashed.id], clock.now(), 30 * SECOND);
    const exhausted = await create({}, 'pipeline/quick-retry');
    await consume(jobBatch([exhausted.id]));
    clock.advance(2 * SECOND);
    await app.runtime.jobStore.claim([exhausted.id], clock.now(), 30 * SECOND); // its 2nd and last run; the worker dies
    queue.sent.length = 0;

    clock.advance(2 * 60 * SECOND);
    await sweep();
    const woken = queue.sent.map((m) => m.body.jobId);
    expect(woken).toContain(failed.id);
    expect(woken).toContain(crashed.id);
    expect(woken).not.toContain(exhausted.id);
    expect((await jobRow(exhausted.id))!.status).toBe('DEAD');
    expect((await jobRow(exhausted.id))!.lastError).toContain('lease expired during the last allowed run');
  });

  it('does not re-send a backlog every minute: a job it woke waits 5 minutes before it is woken again', async () => {
    const jobs = await app.runtime.jobService.createJobs(Array.from({ length: 50 }, () => ({ type: 'pipeline/scripted', payload: {} as Script })));
    queue.sent.length = 0; // the queue is 10 minutes behind: none of these messages is consumed
    const perSweep: number[] = [];
    for (let minute = 1; minute <= 10; minute++) {
      clock.advance(60 * SECOND);
      const before = queue.sent.length;
      await sweep();
      perSweep.push(queue.sent.length - before);
    }
    expect(perSweep).toEqual([50, 0, 0, 0, 0, 50, 0, 0, 0, 0]);
    expect(new Set(queue.sent.map((m) => m.body.jobId))).toEqual(new Set(jobs.map((j) => j.id)));
  });

  it('prunes COMPLETED jobs older than the retention period and keeps younger ones', async () => {
    const old = await create();
    await consume(jobBatch([old.id]));
    clock.advance(6 * 24 * 3600 * SECOND);
    const young = await create();
    await consume(jobBatch([young.id]));
    clock.advance(24 * 3600 * SECOND + 1);
    await sweep();
    expect(await jobRow(old.id)).toBeNull();
    expect((await jobRow(young.id))!.status).toBe('COMPLETED');
  });
});

describe('ending states and readable errors', () => {
  const cases: [string, () => Promise<string>, string, string | RegExp][] = [
    ['an unknown type retries normally, naming the type', () => create({}, 'pipeline/nobody').then((j) => j.id), 'FAILED', /No job handler is registered for type "pipeline\/nobody"/],
    ['a NonRetryableError is DEAD at once', () => create({ fail: 'non-retryable' }).then((j) => j.id), 'DEAD', 'NonRetryableError: address rejected'],
    ['success: false retries with its reason', () => create({ fail: 'false' }).then((j) => j.id), 'FAILED', 'not today'],
    ['a thrown string retries with that string', () => create({ fail: 'string' }).then((j) => j.id), 'FAILED', 'plain string failure'],
    [
      'a malformed payload is DEAD at once',
      async () => {
        const id = `malformed${crypto.randomUUID().slice(0, 8)}`;
        const now = clock.now().getTime();
        await env.DB.prepare("INSERT INTO Job (id, type, payload, status, attempts, maxAttempts, runAt, createdAt, updatedAt) VALUES (?, 'pipeline/scripted', '{not json', 'PENDING', 0, 4, ?, ?, ?)")
          .bind(id, now, now, now)
          .run();
        return id;
      },
      'DEAD',
      /payload of job .* is not valid JSON/,
    ],
  ];
  for (const [label, make, status, error] of cases) {
    it(label, async () => {
      const id = await make();
      await consume(jobBatch([id]));
      const row = (await jobRow(id))!;
      expect(row.status).toBe(status);
      expect(row.lastError).toMatch(error);
    });
  }
});

describe('createJobs and dedupeKey', () => {
  it('creates many jobs in one D1 batch and wakes them with one sendBatch per 100', async () => {
    const jobs = await app.runtime.jobService.createJobs(Array.from({ length: 250 }, (_, i) => ({ type: 'pipeline/scripted', payload: { i } as Script })));
    expect(jobs).toHaveLength(250);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(250);
    expect(queue.sendBatchCalls).toBe(3);
    expect(queue.sent).toHaveLength(250);
  });

  it('returns the existing unfinished job for a duplicate dedupeKey, and allows a new one once it finished', async () => {
    const key = `welcome:${crypto.randomUUID()}`;
    const first = await app.runtime.jobService.createJob({ type: 'pipeline/scripted', payload: {}, dedupeKey: key });
    const again = await app.runtime.jobService.createJob({ type: 'pipeline/scripted', payload: {}, dedupeKey: key });
    expect(again.id).toBe(first.id);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM Job WHERE dedupeKey = ?').bind(key).first<{ n: number }>())!.n).toBe(1);
    expect(queue.sent).toHaveLength(1);

    await consume(queue.drainAsBatch());
    const later = await app.runtime.jobService.createJob({ type: 'pipeline/scripted', payload: {}, dedupeKey: key });
    expect(later.id).not.toBe(first.id);
  });
});

describe('prepareJob: a job written in the caller\'s own D1 batch', () => {
  it('is written only when the whole batch succeeds, and dispatch() wakes it', async () => {
    const db = app.runtime.db;
    const failed = app.runtime.jobService.prepareJob({ type: 'pipeline/scripted', payload: {} as Script });
    await expect(db.batch([failed.statement, db.run(sql`INSERT INTO NoSuchTable VALUES (1)`)])).rejects.toThrow(/no such table/);
    expect(await jobRow(failed.job.id)).toBeNull();

    const kept = app.runtime.jobService.prepareJob({ type: 'pipeline/scripted', payload: {} as Script });
    await db.batch([kept.statement, db.run(sql`SELECT 1`)]);
    expect(await jobRow(kept.job.id)).toMatchObject({ status: 'PENDING', type: 'pipeline/scripted' });
    expect(queue.sent).toEqual([]);
    await kept.dispatch();
    expect(queue.sent.map((m) => m.body.jobId)).toEqual([kept.job.id]);
    await consume(queue.drainAsBatch());
    expect((await jobRow(kept.job.id))!.status).toBe('COMPLETED');
  });
});

describe('end to end through the real local queue', () => {
  it('registering against the worker configured for queues runs the welcome job once via the queue', async () => {
    const log = vi.spyOn(console, 'log');
    const email = uniqueEmail('queued');
    const worker = (workerExports as unknown as { default: Fetcher }).default;
    const response = await worker.fetch(
      new Request('http://app.test/auth/register', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'password123', name: 'Q' }) }),
    );
    expect(response.status).toBe(201);
    const find = () => env.DB.prepare("SELECT * FROM Job WHERE json_extract(payload, '$.email') = ?").bind(email).first<Record<string, any>>();
    await vi.waitUntil(async () => (await find())?.status === 'COMPLETED', { timeout: 15_000, interval: 100 });
    expect(await find()).toMatchObject({ type: 'todos/welcome-email', attempts: 1 });
    expect(log.mock.calls.filter(([line]) => line === `Welcome email sent to Q <${email}>`)).toHaveLength(1);
  });
});
