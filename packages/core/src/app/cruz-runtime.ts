import { Container } from 'inversify';
import type { Constructor } from '../di/module.decorator';
import { collectModules } from '../di/module-graph';
import { bindProviders } from '../di/container-factory';
import { BackgroundTasks } from './background-tasks';
import { CLOUDFLARE_ENV, readJobsMode, type CruzEnv, type JobsMode } from './cloudflare-env';
import { createDrizzle, D1, DRIZZLE, type DrizzleDatabase } from '../database/drizzle';
import { EventBus } from '../events/event-bus';
import { EventListenerRegistry } from '../events/event-listener-registry';
import { CLOCK, systemClock, type Clock } from '../jobs/clock';
import { JOB_HANDLER, type JobHandler } from '../jobs/job-handler';
import { JobHandlerRegistry } from '../jobs/job-handler-registry';
import { JobRunner, DEFAULT_LEASE_MS } from '../jobs/job-runner';
import { JobService } from '../jobs/job-service';
import { JobStore } from '../jobs/job-store';
import { InlineJobDispatcher, QueueJobDispatcher, type JobDispatcher } from '../jobs/job-dispatcher';
import { HttpRouter } from '../http/http-router';
import { JobSweeper, DEFAULT_SWEEPER_OPTIONS, type SweeperOptions } from '../jobs/job-sweeper';
import { bindEmail } from '../email/bind-email';
import type { DevMailbox } from '../email/dev-mailbox';
import type { EmailEnv } from '../email/email-config';

export type CruzRuntimeOptions = {
  schema: Record<string, unknown>;
  modules: Constructor[];
  clock?: Clock;
  jobs?: {
    /** How long a claim holds a job before another worker may take it over (default 15 min). */
    leaseMs?: number;
    /** Sweeper settings; `graceMs` defaults to 60 s with a queue and 0 in-process (dev has no message in flight). */
    sweeper?: Partial<SweeperOptions>;
  };
};

/** Everything built once per isolate from the modules and the env: the container and the job machinery. */
export class CruzRuntime {
  readonly container = new Container();
  readonly background = new BackgroundTasks();
  readonly clock: Clock;
  readonly db: DrizzleDatabase;
  readonly jobsMode: JobsMode;
  readonly events: EventBus;
  readonly jobRunner: JobRunner;
  readonly jobService: JobService;
  readonly jobStore: JobStore;
  readonly jobSweeper: JobSweeper;
  readonly router: HttpRouter;

  constructor(
    options: CruzRuntimeOptions,
    readonly env: CruzEnv,
    /** The app's console emails, served at /dev/mail; given only under `cruz dev` (CRUZ_DEV_MAILBOX=on). */
    readonly devMailbox?: DevMailbox,
  ) {
    if (!env?.DB) throw new Error('The worker has no D1 binding named DB: add [[d1_databases]] binding = "DB" to wrangler.toml.');
    this.clock = options.clock ?? systemClock;
    this.jobsMode = readJobsMode(env);
    this.db = createDrizzle(env.DB, options.schema);
    const graph = collectModules(options.modules);
    const resolve = <T>(id: Constructor<T>) => this.container.get<T>(id);

    const c = this.container;
    c.bind(CLOUDFLARE_ENV).toConstantValue(env);
    c.bind(D1).toConstantValue(env.DB);
    c.bind(DRIZZLE).toConstantValue(this.db);
    c.bind(CLOCK).toConstantValue(this.clock);
    c.bind(BackgroundTasks).toConstantValue(this.background);
    this.events = new EventBus(new EventListenerRegistry(graph.events), resolve, this.background);
    c.bind(EventBus).toConstantValue(this.events);
    bindEmail(c, env as CruzEnv & EmailEnv, devMailbox);
    bindProviders(c, graph.providers);
    bindProviders(c, graph.jobHandlers);
    for (const { useClass } of graph.events) bindProviders(c, [useClass]);

    // Handlers may inject JobService, so the registry is filled only after everything is bound.
    this.jobStore = new JobStore(this.db);
    const registry = new JobHandlerRegistry();
    this.jobRunner = new JobRunner(this.jobStore, registry, this.clock, options.jobs?.leaseMs ?? DEFAULT_LEASE_MS);
    const dispatcher: JobDispatcher =
      this.jobsMode === 'queue'
        ? new QueueJobDispatcher(env.JOBS!, this.clock)
        : new InlineJobDispatcher(this.jobRunner, this.background, this.clock);
    this.jobSweeper = new JobSweeper(this.db, dispatcher, this.clock, {
      ...DEFAULT_SWEEPER_OPTIONS,
      // In-process there is no message in flight: due jobs are run at every sweep.
      graceMs: this.jobsMode === 'queue' ? DEFAULT_SWEEPER_OPTIONS.graceMs : 0,
      rewakeMs: this.jobsMode === 'queue' ? DEFAULT_SWEEPER_OPTIONS.rewakeMs : 0,
      ...options.jobs?.sweeper,
    });
    this.jobService = new JobService(this.db, this.jobStore, registry, dispatcher, this.clock);
    c.bind(JobService).toConstantValue(this.jobService);
    c.bind(JobRunner).toConstantValue(this.jobRunner);
    this.router = new HttpRouter(graph.routes);
    registry.registerAll(c.isBound(JOB_HANDLER) ? c.getAll<JobHandler>(JOB_HANDLER) : []);
  }

  resolve<T>(id: Constructor<T> | symbol): T {
    return this.container.get<T>(id as Constructor<T>);
  }
}
