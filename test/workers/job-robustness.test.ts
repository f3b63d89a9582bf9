import { createExecutionContext, env, getQueueResult } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCruzApp, getCruzRuntime } from '@cruzjs/core';
import { Injectable, Module } from '@cruzjs/core/di';
import { JOB_HANDLER, ManualClock, type Job, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import * as schema from '../../src/database/schema';
import { createTestApp, deferred, type TestApp } from './support/test-app';
import { RecordingQueue, jobBatch } from './support/recording-queue';

// Failure modes found by trying to break the job system: D1 errors while settling, early messages,
// runs that outlive their lease, bad retry policies, dedupe races, and whether the dedupe lookup is indexed.
const jobRow = (id: string) => env.DB.prepare('SELECT * FROM Job WHERE id = ?').bind(id).first<Record<string, any>>();
const runs: string[] = [];
const gate = { current: deferred() };

@Injectable()
class CountingHandler implements JobHandler {
  metadata = { type: 'robust/count', description: 'records each run' };
  async run(job: Job): Promise<JobResult> {
    runs.push(job.id);
    return { success: true };
  }
}
@Injectable()
class GatedHandler implements JobHandler {
  metadata = { type: 'robust/gated', description: 'finishes when the test says', retries: 0 };
  async run(job: Job): Promise<JobResult> {
    runs.push(job.id);
    await gate.current.promise;
    return { success: true };
  }
}
@Module({
  providers: [CountingHandler, GatedHandler],
  jobHandlers: [
    { provide: JOB_HANDLER, useClass: CountingHandler, multi: true },
    { provide: JOB_HANDLER, useClass: GatedHandler, multi: true },
  ],
})
class RobustModule {}

let clock: ManualClock;
let queue: RecordingQueue;
let app: TestApp;

beforeEach(async () => {
  await env.DB.prepare('DELETE FROM Job').run();
  runs.length = 0;
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  clock = new ManualClock(Date.UTC(2026, 6, 1, 8));
  queue = new RecordingQueue();
  app = createTestApp([RobustModule], { clock, jobsMode: 'queue', envOverrides: { JOBS: queue } });
});
afterEach(() => vi.restoreAllMocks());

async function consume(target: TestApp, batch: ReturnType<typeof jobBatch>) {
  const retries = batch.messages.map((message) => vi.spyOn(message, 'retry'));
  const ctx = createExecutionContext();
  await target.app.queue(batch as never, target.env, ctx);
  const result = await getQueueResult(batch, ctx);
  return { acks: result.explicitAcks, retries: retries.flatMap((spy) => spy.mock.calls.map(([options]) => (options as { delaySeconds: number }).delaySeconds)) };
}

describe('settling a job when D1 fails', () => {
  it('tries the write again in the same invocation: the handler ran once and the job is COMPLETED', async () => {
    const job = await app.runtime.jobService.createJob({ type: 'robust/count', payload: {} });
    vi.spyOn(app.runtime.jobStore, 'settle').mockRejectedValueOnce(new Error('D1_ERROR: Network connection lost.'));
    expect(await consume(app, jobBatch([job.id]))).toEqual({ acks: ['msg-0'], retries: [] });
    expect(runs).toEqual([job.id]);
    expect((await jobRow(job.id))!.status).toBe('COMPLETED');
  });

  it('when D1 keeps failing, asks the queue again once the lease has lapsed, not 10 s later', async () => {
    const job = await app.runtime.jobService.createJob({ type: 'robust/count', payload: {} });
    vi.spyOn(app.runtime.jobStore, 'settle').mockRejectedValue(new Error('D1_ERROR: Network connection lost.'));
    expect(await consume(app, jobBatch([job.id]))).toEqual({ acks: [], retries: [15 * 60] });
  });
});

describe('a message that arrives before its job is due', () => {
  it('is retried for the time left instead of being dropped', async () => {
    const job = await app.runtime.jobService.createJob({ type: 'robust/count', payload: {}, runAt: new Date(clock.now().getTime() + 30_000) });
    expect(await consume(app, jobBatch([job.id]))).toEqual({ acks: [], retries: [30] });
    expect(runs).toEqual([]);
  });

  it('from a consumer whose clock is 200 ms behind the creator: retried after 1 s, then run', async () => {
    const behind = new ManualClock(clock.now().getTime() - 200);
    const consumer = createTestApp([RobustModule], { clock: behind, jobsMode: 'queue', envOverrides: { JOBS: new RecordingQueue() } });
    const job = await app.runtime.jobService.createJob({ type: 'robust/count', payload: {} });
    expect(await consume(consumer, jobBatch([job.id]))).toEqual({ acks: [], retries: [1] });
    behind.advance(1000);
    expect(await consume(consumer, jobBatch([job.id]))).toEqual({ acks: ['msg-0'], retries: [] });
    expect(runs).toEqual([job.id]);
  });
});

describe('a run that outlives its lease', () => {
  it('reports lost-claim instead of completed when another worker took the job over', async () => {
    gate.current = deferred();
    const short = createCruzApp({ schema, modules: [RobustModule], clock, jobs: { leaseMs: 60_000 } });
    const runtime = getCruzRuntime(short, { ...env, CRUZ_JOBS_MODE: 'queue', JOBS: new RecordingQueue() } as never);
    const job = await runtime.jobService.createJob({ type: 'robust/gated', payload: {} });
    const first = runtime.jobRunner.run(job.id);
    await vi.waitUntil(() => runs.length === 1);
    clock.advance(60_000);
    await runtime.jobSweeper.sweep(); // the lease lapsed on the last allowed run: the sweeper buries it
    gate.current.resolve();
    expect(await first).toEqual({ outcome: 'lost-claim', jobId: job.id });
    expect((await jobRow(job.id))!.status).toBe('DEAD');
  });
});

describe('retry policies are checked at start-up', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['negative retries', { retries: -1 }, /retries must be a whole number >= 0/],
    ['a negative delay', { backoffSeconds: [-30] }, /backoffSeconds must be whole numbers of seconds from 0 to 43200/],
    ['a fractional delay', { backoffSeconds: [2.5] }, /backoffSeconds must be whole numbers/],
    ['a delay beyond 12 hours', { backoffSeconds: [86400] }, /backoffSeconds must be whole numbers/],
  ];
  for (const [label, policy, message] of cases) {
    it(`refuses ${label}, naming the handler`, () => {
      @Injectable()
      class BadPolicyHandler implements JobHandler {
        metadata = { type: 'robust/bad-policy', description: 'x', ...policy };
        async run(): Promise<JobResult> {
          return { success: true };
        }
      }
      @Module({ providers: [BadPolicyHandler], jobHandlers: [{ provide: JOB_HANDLER, useClass: BadPolicyHandler, multi: true }] })
      class BadPolicyModule {}
      const bad = createCruzApp({ schema, modules: [BadPolicyModule] });
      expect(() => getCruzRuntime(bad, { ...env, CRUZ_JOBS_MODE: 'inline' } as never)).toThrow(message);
      expect(() => getCruzRuntime(bad, { ...env, CRUZ_JOBS_MODE: 'inline' } as never)).toThrow(/BadPolicyHandler \("robust\/bad-policy"\)/);
    });
  }
});

describe('dedupeKey', () => {
  it('never throws when the existing job finishes between the conflicting insert and the lookup', async () => {
    const key = `k:${crypto.randomUUID()}`;
    const first = await app.runtime.jobService.createJob({ type: 'robust/count', payload: {}, dedupeKey: key });
    const db = app.runtime.db;
    const realBatch = db.batch.bind(db);
    vi.spyOn(db, 'batch').mockImplementationOnce((async (statements: never) => {
      const result = await realBatch(statements);
      await app.runtime.jobRunner.run(first.id); // the holder of the key completes right now
      return result;
    }) as never);
    const second = await app.runtime.jobService.createJobs([
      { type: 'robust/count', payload: { n: 1 } },
      { type: 'robust/count', payload: {}, dedupeKey: key },
    ]);
    expect(second[1].id).not.toBe(first.id);
    expect((await jobRow(second[1].id))!.status).toBe('PENDING');
    const woken = queue.sent.map((m) => m.body.jobId);
    expect(woken).toContain(second[0].id);
    expect(woken).toContain(second[1].id);
  });

  it('finds the unfinished job through the partial unique index, not a scan of Job', async () => {
    const key = `k:${crypto.randomUUID()}`;
    await app.runtime.jobService.createJob({ type: 'robust/count', payload: {}, dedupeKey: key });
    const seen: string[] = [];
    const proto = Object.getPrototypeOf(env.DB.prepare('SELECT 1'));
    for (const method of ['all', 'raw', 'first', 'run'] as const) {
      const original = proto[method];
      vi.spyOn(proto, method).mockImplementation(function (this: { statement: string }, ...args: unknown[]) {
        seen.push(this.statement);
        return original.apply(this, args);
      });
    }
    await app.runtime.jobService.createJob({ type: 'robust/count', payload: {}, dedupeKey: key });
    vi.restoreAllMocks();
    const lookup = seen.find((s) => s.startsWith('select') && s.includes('"dedupeKey" = ?'));
    expect(lookup).toBeDefined();
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${lookup}`).bind(key).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join('\n')).toMatch(/SEARCH Job USING INDEX Job_dedupeKey_unfinished_idx/);
  });
});
