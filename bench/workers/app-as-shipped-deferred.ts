// A PROTOTYPE, not the system: configuration (a) with one change to the framework, to measure a
// proposed fix before anyone writes it. Background work scheduled while a request is handled
// (event listeners, and through them createJob and, in dev, the job itself) starts only once the
// response is ready, still under ctx.waitUntil. The system today starts it at once, so it runs
// alongside the rest of the request and competes with it for the isolate and for D1.
import { AsyncLocalStorage } from 'node:async_hooks';
import { getCruzRuntime, type CruzEnv } from '@cruzjs/core';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { WelcomeModule } from '../../src/features/welcome';
import { benchWorker } from './bench-worker';

const worker = benchWorker([StartModule, TodosModule, WelcomeModule]);
const heldForRequest = new AsyncLocalStorage<(() => void)[]>();
const patched = new WeakSet<object>();

export default {
  ...worker.handler,
  async fetch(request, env, ctx) {
    const runtime = getCruzRuntime(worker.app, worker.countedEnv(env));
    const background = runtime.background;
    if (!patched.has(background)) {
      patched.add(background);
      const scheduleNow = background.schedule.bind(background);
      background.schedule = (work, onError) => {
        const held = heldForRequest.getStore();
        if (held) held.push(() => scheduleNow(work, onError));
        else scheduleNow(work, onError);
      };
    }
    const held: (() => void)[] = [];
    const response = await heldForRequest.run(held, () => worker.handler.fetch!(request, env, ctx));
    if (held.length > 0) {
      // After the response has gone: a macrotask later, inside this request's waitUntil.
      ctx.waitUntil(
        new Promise<void>((resolve) =>
          setTimeout(() => {
            background.runWithin((p) => ctx.waitUntil(p), () => held.forEach((start) => start()));
            resolve();
          }, 0),
        ),
      );
    }
    return response;
  },
} satisfies ExportedHandler<CruzEnv>;
