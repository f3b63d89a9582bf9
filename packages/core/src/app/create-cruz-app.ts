import type { Constructor } from '../di/module.decorator';
import { CruzRuntime, type CruzRuntimeOptions } from './cruz-runtime';
import type { CruzEnv } from './cloudflare-env';
import { isForeignOriginRequest } from '../http/origin-guard';
import { jsonError } from '../http/responses';
import type { RequestContext, RouteAction } from '../http/http-route';
import { consumeJobBatch } from '../jobs/job-queue-consumer';
import { createPageHandler, type ServerBuildLoader } from './page-handler';
import { serveDevMailbox } from '../email/dev-mailbox-pages';
import { DevMailbox } from '../email/dev-mailbox';
import { isDevMailboxOn, type EmailEnv } from '../email/email-config';
import { systemClock } from '../jobs/clock';

export type CruzAppOptions = CruzRuntimeOptions & {
  /** The React Router server build: `() => import('virtual:react-router/server-build')`. */
  pages?: ServerBuildLoader;
};

const RUNTIME = Symbol.for('cruzjs.runtime');

export type CruzApp = ExportedHandler<CruzEnv> & {
  fetch: NonNullable<ExportedHandler<CruzEnv>['fetch']>;
  queue: NonNullable<ExportedHandler<CruzEnv>['queue']>;
  scheduled: NonNullable<ExportedHandler<CruzEnv>['scheduled']>;
  [RUNTIME]: (env: CruzEnv) => CruzRuntime;
};

/** The worker: HTTP (module routes, then pages), the jobs queue consumer and the cron sweeper. */
export function createCruzApp(options: CruzAppOptions): CruzApp {
  // Bindings are fixed for an isolate's life, so the runtime is built once per env object.
  const runtimes = new WeakMap<object, CruzRuntime>();
  // The dev server hands each request a new env object, so there a runtime lasts one request: the dev
  // mailbox belongs to the app, so /dev/mail shows what earlier requests and their jobs sent.
  let devMailbox: DevMailbox | undefined;
  const runtimeFor = (env: CruzEnv): CruzRuntime => {
    let runtime = runtimes.get(env);
    if (!runtime) {
      const mailbox = isDevMailboxOn(env as EmailEnv) ? (devMailbox ??= new DevMailbox(options.clock ?? systemClock)) : undefined;
      runtime = new CruzRuntime(options, env, mailbox);
      runtimes.set(env, runtime);
    }
    return runtime;
  };
  const pages = options.pages ? createPageHandler(options.pages) : undefined;

  return {
    [RUNTIME]: runtimeFor,

    async fetch(request, env, ctx) {
      const runtime = runtimeFor(env);
      return runtime.background.runWithin(
        (p) => ctx.waitUntil(p),
        async () => {
          if (isForeignOriginRequest(request)) {
            return jsonError(403, null, 'Cross-origin request refused: the Origin header names another site.');
          }
          const url = new URL(request.url);
          const devMail = runtime.devMailbox && serveDevMailbox(request, url, runtime.devMailbox);
          if (devMail) return devMail;
          const match = runtime.router.match(request.method, url.pathname);
          if (match && 'allowed' in match) {
            return jsonError(405, null, `Method ${request.method} is not allowed here.`, { Allow: match.allowed.join(', ') });
          }
          try {
            if (match) {
              const controller = runtime.resolve(match.route.controller as Constructor) as Record<string, RouteAction>;
              const context: RequestContext = { env: env as unknown as Record<string, unknown>, ctx, url, params: match.params };
              return await controller[match.route.action](request, context);
            }
            if (pages) return await pages(request, { env, ctx, runtime });
            return jsonError(404, null, `Nothing here: ${url.pathname}`);
          } catch (error) {
            console.error(`[http] ${request.method} ${url.pathname} failed:`, error);
            return jsonError(500, null, 'Internal server error.');
          }
        },
      );
    },

    async queue(batch, env, ctx) {
      const runtime = runtimeFor(env);
      await runtime.background.runWithin(
        (p) => ctx.waitUntil(p),
        () => consumeJobBatch(batch, runtime.jobRunner),
      );
    },

    // Cron (every minute in wrangler.toml; ticked every few seconds by `cruz dev`).
    async scheduled(_controller, env, ctx) {
      const runtime = runtimeFor(env);
      await runtime.background.runWithin(
        (p) => ctx.waitUntil(p),
        async () => {
          const report = await runtime.jobSweeper.sweep();
          if (report.woken || report.dead || report.pruned) {
            console.log(`[jobs] sweep: woke ${report.woken}, marked ${report.dead} DEAD, pruned ${report.pruned} completed`);
          }
        },
      );
    },
  };
}

/** The runtime behind an app for this env: for tests and tools that drive jobs directly. */
export function getCruzRuntime(app: CruzApp, env: CruzEnv): CruzRuntime {
  return app[RUNTIME](env);
}
