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
  // Bindings live as long as the isolate, but the dev server hands each request a new env object
  // around the same bindings: runtimes are kept per D1 binding and set of plain vars, so the container
  // is built once, not once per request.
  const runtimes = new WeakMap<object, Map<string, CruzRuntime>>();
  // The dev mailbox belongs to the app, so /dev/mail shows what every request and its jobs sent.
  let devMailbox: DevMailbox | undefined;
  const runtimeFor = (env: CruzEnv): CruzRuntime => {
    const byVars = runtimes.get(env?.DB ?? env) ?? new Map<string, CruzRuntime>();
    runtimes.set(env?.DB ?? env, byVars);
    const vars = varsSignature(env);
    let runtime = byVars.get(vars);
    if (!runtime) {
      const mailbox = isDevMailboxOn(env as EmailEnv) ? (devMailbox ??= new DevMailbox(options.clock ?? systemClock)) : undefined;
      runtime = new CruzRuntime(options, env, mailbox);
      byVars.set(vars, runtime);
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

/** The env's plain values (vars and secrets), which decide how a runtime is built. */
function varsSignature(env: CruzEnv): string {
  const entries = Object.entries(env ?? {}).filter(([, value]) => typeof value !== 'object' && typeof value !== 'function');
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}
