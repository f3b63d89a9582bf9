import { performance } from 'node:perf_hooks';
import { startLocalWorker } from './lib/local-worker.mjs';
import { median } from './lib/statistics.mjs';
import { roundOrder } from './lib/round-order.mjs';

/**
 * Benchmark 4b. Start-up of the deployable worker (the modules `wrangler deploy --dry-run` wrote)
 * against a trivial worker, alternately, `starts` times each, every start a new workerd process:
 * - ready: Miniflare constructed until workerd serves, which includes compiling and evaluating
 *   the worker's modules (workerd evaluates the main module at start to read its exports);
 * - first response: then the first GET /auth/login, which builds the CruzJS runtime (modules, DI
 *   container, job machinery) and renders a page.
 * The app's figure minus the trivial worker's is what the app's code costs.
 */
export async function measureStartup({ settings, deployModules, trivialBundle, starts, log }) {
  const variants = {
    app: { moduleFiles: deployModules, path: '/auth/login' },
    trivial: { bundlePath: trivialBundle, path: '/' },
  };
  const samples = { app: [], trivial: [] };
  for (let i = 0; i < starts; i++) {
    for (const key of roundOrder(Object.keys(variants), i)) {
      const variant = variants[key];
      const started = performance.now();
      const worker = await startLocalWorker({
        name: `startup-${key}`,
        ...(variant.bundlePath ? { bundlePath: variant.bundlePath } : { moduleFiles: variant.moduleFiles }),
        settings,
        vars: { CRUZ_JOBS_MODE: 'queue' },
        database: key === 'app',
        migrate: false,
        queueConsumer: false,
      });
      const ready = performance.now();
      try {
        const response = await fetch(new URL(variant.path, worker.url));
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`startup ${key}: GET ${variant.path} answered ${response.status}`);
        const first = performance.now();
        samples[key].push({ readyMs: ready - started, firstResponseMs: first - ready });
      } finally {
        await worker.stop();
      }
    }
  }
  const med = (key, field) => median(samples[key].map((s) => s[field]));
  const result = {
    starts,
    appReadyMs: med('app', 'readyMs'),
    trivialReadyMs: med('trivial', 'readyMs'),
    appFirstResponseMs: med('app', 'firstResponseMs'),
    trivialFirstResponseMs: med('trivial', 'firstResponseMs'),
    samples,
  };
  result.moduleEvaluationMs = result.appReadyMs - result.trivialReadyMs;
  result.firstRequestExtraMs = result.appFirstResponseMs - result.trivialFirstResponseMs;
  log(`  ready ${result.appReadyMs.toFixed(0)} ms vs trivial ${result.trivialReadyMs.toFixed(0)} ms; first response ${result.appFirstResponseMs.toFixed(0)} vs ${result.trivialFirstResponseMs.toFixed(0)} ms`);
  return result;
}
