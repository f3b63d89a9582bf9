import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { injectable, inject } from 'inversify';
import { Inject, Injectable, Module } from '@cruzjs/core/di';
import { UserRegisteredEvent } from '@cruzjs/core/auth/events';
import { JOB_HANDLER, JobService, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { WelcomeModule } from '../../src/features/welcome';
import { createTestApp, deferred, uniqueEmail } from './support/test-app';

const jobsFor = (email: string) =>
  env.DB.prepare("SELECT * FROM Job WHERE json_extract(payload, '$.email') = ? ORDER BY createdAt").bind(email).all<Record<string, any>>().then((r) => r.results);

afterEach(() => vi.restoreAllMocks());

describe('the tutorial: registering queues and runs the welcome email job', () => {
  it('writes a todos/welcome-email job that completes with the recipient as summary and logs the email line', async () => {
    const log = vi.spyOn(console, 'log');
    const app = createTestApp([StartModule, TodosModule, WelcomeModule]);
    const email = uniqueEmail('jane');
    const response = await app.postJson('/auth/register', { email, password: 'password123', name: 'Jane' });
    expect(response.status).toBe(201);
    const { id: userId } = await response.json<{ id: string }>();

    const [job, ...others] = await jobsFor(email);
    expect(others).toHaveLength(0);
    expect(job).toMatchObject({ type: 'todos/welcome-email', status: 'COMPLETED', attempts: 1, lastError: null });
    expect(JSON.parse(job.summary)).toEqual({ recipient: email });
    expect(JSON.parse(job.payload)).toEqual({ userId, email, name: 'Jane' });
    expect(job.id).toMatch(/^[a-z0-9]{24}$/); // cuid2
    for (const column of ['createdAt', 'updatedAt', 'startedAt', 'completedAt', 'runAt']) expect(typeof job[column]).toBe('number');
    expect(log).toHaveBeenCalledWith(`Welcome email sent to Jane <${email}>`);
  });

  it('logs the email address in place of a missing name', async () => {
    const log = vi.spyOn(console, 'log');
    const app = createTestApp([StartModule, TodosModule, WelcomeModule]);
    const email = uniqueEmail();
    await app.postJson('/auth/register', { email, password: 'password123' });
    expect(log).toHaveBeenCalledWith(`Welcome email sent to ${email} <${email}>`);
  });

  it('still registers users, and writes no job, when WelcomeModule is removed', async () => {
    const app = createTestApp([StartModule, TodosModule]);
    const email = uniqueEmail();
    const response = await app.postJson('/auth/register', { email, password: 'password123', name: 'Jane' });
    expect(response.status).toBe(201);
    expect(await jobsFor(email)).toHaveLength(0);
  });
});

// A job whose handler finishes only when the test says so.
const SLOW_JOB = 'test/slow-welcome';
const release = { current: deferred() };

@Injectable()
class SlowHandler implements JobHandler {
  metadata = { type: SLOW_JOB, description: 'waits for the test' };
  async run(): Promise<JobResult> {
    await release.current.promise;
    return { success: true, summary: { released: true } };
  }
}

@Injectable()
class SlowListener {
  constructor(@Inject(JobService) private readonly jobs: JobService) {}
  async handle(event: UserRegisteredEvent) {
    await this.jobs.createJob({ type: SLOW_JOB, payload: { email: event.email } });
  }
}

@Module({
  providers: [SlowHandler, SlowListener],
  events: [{ event: UserRegisteredEvent, useClass: SlowListener, method: 'handle' }],
  jobHandlers: [{ provide: JOB_HANDLER, useClass: SlowHandler, multi: true }],
})
class SlowModule {}

describe('registration does not wait for background work', () => {
  it('answers 201 while the job handler is still running, and the job completes afterwards', async () => {
    release.current = deferred();
    const app = createTestApp([StartModule, SlowModule]);
    const email = uniqueEmail();
    const { response, settled } = await app.request('/auth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'password123' }),
    });
    expect(response.status).toBe(201);
    await vi.waitUntil(async () => (await jobsFor(email))[0]?.status === 'PROCESSING');

    release.current.resolve();
    await settled;
    const [job] = await jobsFor(email);
    expect(job.status).toBe('COMPLETED');
    expect(JSON.parse(job.summary)).toEqual({ released: true });
  });
});

@injectable()
class ThrowingListener {
  async handle(): Promise<void> {
    throw new Error('listener exploded');
  }
}

@Module({
  providers: [ThrowingListener],
  events: [{ event: UserRegisteredEvent, useClass: ThrowingListener, method: 'handle' }],
})
class ThrowingModule {}

describe('a listener that throws', () => {
  it('is logged with the event and listener names and never fails registration; other listeners still run', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createTestApp([StartModule, ThrowingModule, WelcomeModule]);
    const email = uniqueEmail();
    const response = await app.postJson('/auth/register', { email, password: 'password123' });
    expect(response.status).toBe(201);
    expect(error).toHaveBeenCalledWith('[events] listener ThrowingListener.handle failed for UserRegisteredEvent:', expect.objectContaining({ message: 'listener exploded' }));
    expect((await jobsFor(email))[0]?.status).toBe('COMPLETED');
  });
});

// Classes written with inversify's own decorators and with CruzJS's behave the same.
@injectable()
class InversifyDependency {
  readonly value = 'inversify';
}
@injectable()
class InversifyStyleListener {
  static seen: string[] = [];
  constructor(@inject(InversifyDependency) private readonly dep: InversifyDependency) {}
  handle(event: UserRegisteredEvent) {
    InversifyStyleListener.seen.push(`${this.dep.value}:${event.email}`);
  }
}
@Module({
  providers: [InversifyDependency, InversifyStyleListener],
  events: [{ event: UserRegisteredEvent, useClass: InversifyStyleListener, method: 'handle' }],
})
class InversifyStyleModule {}

describe('dependency injection', () => {
  it('resolves classes decorated with inversify\'s injectable/inject', async () => {
    const app = createTestApp([StartModule, InversifyStyleModule]);
    const email = uniqueEmail();
    await app.postJson('/auth/register', { email, password: 'password123' });
    expect(InversifyStyleListener.seen).toContain(`inversify:${email}`);
  });
});
