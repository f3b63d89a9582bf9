import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Injectable, Module } from '@cruzjs/core/di';
import { JOB_HANDLER, ManualClock, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { createTestApp } from './support/test-app';

let runs = 0;
@Injectable()
class AlwaysFailingHandler implements JobHandler {
  metadata = { type: 'dev/always-fails', description: 'fails every run' };
  async run(): Promise<JobResult> {
    runs++;
    throw new Error(`failure number ${runs}`);
  }
}
@Module({ providers: [AlwaysFailingHandler], jobHandlers: [{ provide: JOB_HANDLER, useClass: AlwaysFailingHandler, multi: true }] })
class FailingModule {}

beforeEach(async () => {
  await env.DB.prepare('DELETE FROM Job').run();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('cruz dev (in-process jobs): retries on the same schedule', () => {
  it('runs a failing job at once, then again at each sweep after 10 s, 60 s and 300 s, and it ends DEAD', async () => {
    runs = 0;
    const clock = new ManualClock(Date.UTC(2026, 2, 1));
    const app = createTestApp([FailingModule], { clock, jobsMode: 'inline' });
    const sweep = async () => {
      const ctx = createExecutionContext();
      await app.app.scheduled(createScheduledController({ scheduledTime: clock.now(), cron: '* * * * *' }), app.env, ctx);
      await waitOnExecutionContext(ctx);
    };
    const job = await app.runtime.jobService.createJob({ type: 'dev/always-fails', payload: {} });
    await app.runtime.background.settled();
    expect(runs).toBe(1);

    for (const [delay, expectedRuns] of [[10, 2], [60, 3], [300, 4]] as const) {
      clock.advance(delay * 1000 - 1);
      await sweep();
      expect(runs).toBe(expectedRuns - 1); // not yet due
      clock.advance(1);
      await sweep();
      expect(runs).toBe(expectedRuns);
    }
    const row = await env.DB.prepare('SELECT status, attempts, lastError FROM Job WHERE id = ?').bind(job.id).first();
    expect(row).toEqual({ status: 'DEAD', attempts: 4, lastError: 'failure number 4' });
  });
});
