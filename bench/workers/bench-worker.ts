import { createCruzApp, getCruzRuntime, type CruzApp, type CruzEnv } from '@cruzjs/core';
import type { Constructor } from '@cruzjs/core/di';
import { countingD1, D1Counter } from './counting-d1';
import { benchControl } from './bench-control';
import * as appSchema from '../../src/database/schema';

/**
 * A CruzJS app (no React Router pages) whose D1 binding counts statements, plus the benchmark's
 * control routes under /__bench/. Everything else goes to the app exactly as the real worker does.
 */
export function benchWorker(
  modules: Constructor[],
  options: { aroundFetch?: (request: Request, app: CruzApp, env: CruzEnv, ctx: ExecutionContext, response: Response) => Promise<Response> } = {},
): BenchWorker {
  const app = createCruzApp({ schema: appSchema, modules });
  const counter = new D1Counter();
  const wrapped = new WeakMap<object, CruzEnv>();
  const countedEnv = (env: CruzEnv): CruzEnv => {
    let e = wrapped.get(env);
    if (!e) {
      e = { ...env, DB: countingD1(env.DB, counter) };
      wrapped.set(env, e);
    }
    return e;
  };

  const handler: ExportedHandler<CruzEnv> = {
    async fetch(request, env, ctx) {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/__bench/')) {
        return benchControl(request, url, { env, ctx, counter, runtime: getCruzRuntime(app, countedEnv(env)) });
      }
      const response = await app.fetch(request, countedEnv(env), ctx);
      return options.aroundFetch ? options.aroundFetch(request, app, countedEnv(env), ctx, response) : response;
    },
    queue(batch, env, ctx) {
      return app.queue(batch, countedEnv(env), ctx);
    },
    scheduled(controller, env, ctx) {
      return app.scheduled(controller, countedEnv(env), ctx);
    },
  };
  return { app, countedEnv, handler };
}

/** The worker's default export (`handler`), and the app and counted env behind it for prototypes built on it. */
export type BenchWorker = { app: CruzApp; countedEnv(env: CruzEnv): CruzEnv; handler: ExportedHandler<CruzEnv> };
