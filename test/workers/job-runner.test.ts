import { env } from 'cloudflare:test';
import { describe, expect, it, vi, afterEach } from 'vitest';
import { Injectable, Module } from '@cruzjs/core/di';
import { EventBus } from '@cruzjs/core/events';
import { JOB_HANDLER, ManualClock, NonRetryableError, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { createCruzApp, getCruzRuntime } from '@cruzjs/core';
import * as schema from '../../src/database/schema';
import { createTestApp } from './support/test-app';

afterEach(() => vi.restoreAllMocks());

const jobRow = (id: string) => env.DB.prepare('SELECT * FROM Job WHERE id = ?').bind(id).first<Record<string, any>>();

// Handlers whose behaviour each test sets.
const behaviour: { current: () => Promise<JobResult> } = { current: async () => ({ success: true }) };

@Injectable()
class ScriptedHandler implements JobHandler {
  metadata = { type: 'test/scripted', description: 'does what the test says' };
  async run(): Promise<JobResult> {

    return behaviour.current();
  }
}

@Module({ providers: [ScriptedHandler], jobHandlers: [{ provide: JOB_HANDLER, useClass: ScriptedHandler, multi: true }] })
class ScriptedModule {}

function setup() {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const clock = new ManualClock(Date.UTC(2026, 5, 1));
  // Queue mode with a queue that records sends: nothing runs until the test calls the runner.
  const sent: unknown[] = [];
  const JOBS = { send: async (m: unknown) => void sent.push(m), sendBatch: async (ms: { body: unknown }[]) => void sent.push(...ms.map((m) => m.body)) };
  const app = createTestApp([ScriptedModule], { clock, jobsMode: 'queue', envOverrides: { JOBS } });
  return { clock, sent, runtime: app.runtime };
}

describe('JobRunner', () => {
  it('claims a job with one conditional update: a second claim of the same job does nothing', async () => {
    const { runtime, clock } = setup();
    const job = await runtime.jobService.createJob({ type: 'test/scripted', payload: { n: 1 } });
    const first = await runtime.jobStore.claim([job.id], clock.now(), 60_000);
    const second = await runtime.jobStore.claim([job.id], clock.now(), 60_000);
    expect(first).toMatchObject([{ status: 'PROCESSING', attempts: 1 }]);
    expect(second).toEqual([]);
  });

  it('completes a job whose handler succeeds, storing its summary', async () => {
    const { runtime, clock } = setup();
    behaviour.current = async () => ({ success: true, summary: { sent: 3 } });
    const job = await runtime.jobService.createJob({ type: 'test/scripted', payload: {} });
    clock.advance(1234);
    expect(await runtime.jobRunner.run(job.id)).toEqual({ outcome: 'completed', jobId: job.id });
    const row = await jobRow(job.id);
    expect(row).toMatchObject({ status: 'COMPLETED', attempts: 1, lastError: null, completedAt: clock.now().getTime(), startedAt: clock.now().getTime() });
    expect(JSON.parse(row!.summary)).toEqual({ sent: 3 });
  });

  it('still completes a job whose summary cannot be stored as JSON, noting why', async () => {
    const { runtime } = setup();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    behaviour.current = async () => ({ success: true, summary: circular });
    const job = await runtime.jobService.createJob({ type: 'test/scripted', payload: {} });
    expect(await runtime.jobRunner.run(job.id)).toMatchObject({ outcome: 'completed' });
    const row = await jobRow(job.id);
    expect(row!.status).toBe('COMPLETED');
    expect(JSON.parse(row!.summary).summaryNotStored).toMatch(/not JSON-serializable/);
  });

  it('marks a job FAILED with lastError when the handler throws, with the next run 10 s later', async () => {
    const { runtime, clock } = setup();
    behaviour.current = async () => {
      throw new Error('SMTP said no');
    };
    const job = await runtime.jobService.createJob({ type: 'test/scripted', payload: {} });
    expect(await runtime.jobRunner.run(job.id)).toMatchObject({ outcome: 'retry', delaySeconds: 10 });
    const row = await jobRow(job.id);
    expect(row).toMatchObject({ status: 'FAILED', lastError: 'SMTP said no', runAt: clock.now().getTime() + 10_000, attempts: 1 });
  });

  it('treats success: false as a failure, with the handler\'s reason when it gives one', async () => {
    const { runtime } = setup();
    behaviour.current = async () => ({ success: false, error: 'provider busy' });
    const a = await runtime.jobService.createJob({ type: 'test/scripted', payload: {} });
    await runtime.jobRunner.run(a.id);
    expect(await jobRow(a.id)).toMatchObject({ status: 'FAILED', lastError: 'provider busy' });
    behaviour.current = async () => ({ success: false });
    const b = await runtime.jobService.createJob({ type: 'test/scripted', payload: {} });
    await runtime.jobRunner.run(b.id);
    expect(await jobRow(b.id)).toMatchObject({ status: 'FAILED', lastError: 'Handler for "test/scripted" returned success: false.' });
  });

  it('fails a job whose type has no handler with a message naming the type', async () => {
    const { runtime } = setup();
    const job = await runtime.jobService.createJob({ type: 'billing/missing', payload: {} });
    await runtime.jobRunner.run(job.id);
    const row = await jobRow(job.id);
    expect(row!.status).toBe('FAILED');
    expect(row!.lastError).toContain('No job handler is registered for type "billing/missing"');
  });

  it('gives a readable lastError for a thrown non-Error value', async () => {
    const { runtime } = setup();
    behaviour.current = async () => {
      throw { code: 42 };
    };
    const job = await runtime.jobService.createJob({ type: 'test/scripted', payload: {} });
    await runtime.jobRunner.run(job.id);
    expect((await jobRow(job.id))!.lastError).toBe('Non-Error value thrown: {"code":42}');
  });

  it('sends a NonRetryableError straight to DEAD', async () => {
    const { runtime } = setup();
    behaviour.current = async () => {
      throw new NonRetryableError('payload has no email');
    };
    const job = await runtime.jobService.createJob({ type: 'test/scripted', payload: {} });
    expect(await runtime.jobRunner.run(job.id)).toMatchObject({ outcome: 'dead' });
    expect(await jobRow(job.id)).toMatchObject({ status: 'DEAD', lastError: 'NonRetryableError: payload has no email', attempts: 1 });
  });

  it('refuses a payload that is not JSON-serializable, writing no row', async () => {
    const { runtime } = setup();
    const before = (await env.DB.prepare('SELECT COUNT(*) AS n FROM Job').first<{ n: number }>())!.n;
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(runtime.jobService.createJob({ type: 'test/scripted', payload: circular })).rejects.toThrow(/JSON-serializable/);
    await expect(runtime.jobService.createJob({ type: '', payload: {} })).rejects.toThrow(/non-empty string `type`/);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM Job').first<{ n: number }>())!.n).toBe(before);
  });
});

@Injectable()
class OtherScriptedHandler implements JobHandler {
  metadata = { type: 'test/scripted', description: 'claims the same type' };
  async run(): Promise<JobResult> {
    return { success: true };
  }
}
@Module({ providers: [OtherScriptedHandler], jobHandlers: [{ provide: JOB_HANDLER, useClass: OtherScriptedHandler, multi: true }] })
class ClashingModule {}

describe('start-up checks', () => {
  it('refuses two handlers for one job type, naming both', () => {
    const app = createCruzApp({ schema, modules: [ScriptedModule, ClashingModule] });
    expect(() => getCruzRuntime(app, { ...env, CRUZ_JOBS_MODE: 'inline' } as never)).toThrow(
      'Two job handlers claim the job type "test/scripted": ScriptedHandler and OtherScriptedHandler.',
    );
  });

  it('refuses a listener method that does not exist', () => {
    class SomeEvent {}
    @Injectable()
    class Listener {}
    @Module({ providers: [Listener], events: [{ event: SomeEvent, useClass: Listener, method: 'handle' }] })
    class BadModule {}
    const app = createCruzApp({ schema, modules: [BadModule] });
    expect(() => getCruzRuntime(app, { ...env, CRUZ_JOBS_MODE: 'inline' } as never)).toThrow(/Listener has no method named "handle"/);
  });
});

describe('EventBus', () => {
  it('finds listeners by event class, not by class name', async () => {
    const seen: string[] = [];
    const makeEvent = () => class Ping {};
    const PingA = makeEvent();
    const PingB = makeEvent(); // same name "Ping", a different class
    @Injectable()
    class ListenerA {
      on() {
        seen.push('A');
      }
    }
    @Module({ providers: [ListenerA], events: [{ event: PingA, useClass: ListenerA, method: 'on' }] })
    class PingModule {}
    const { runtime } = createTestApp([PingModule]);
    const bus = runtime.resolve(EventBus);
    await bus.emit(new PingB());
    await runtime.background.settled();
    expect(seen).toEqual([]);
    await bus.emit(new PingA());
    await runtime.background.settled();
    expect(seen).toEqual(['A']);
  });
});
