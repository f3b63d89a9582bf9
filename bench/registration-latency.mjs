import { performance } from 'node:perf_hooks';
import { startLocalWorker } from './lib/local-worker.mjs';
import { startFakeEmailProvider } from './lib/fake-email-provider.mjs';
import { latencySummary, ratio } from './lib/statistics.mjs';
import { roundOrder } from './lib/round-order.mjs';
import { waitFor } from './lib/wait-for.mjs';

/** The email settings of every variant: Resend, whose API host the worker's outbound fetch reaches as our fake. */
const EMAIL_VARS = { EMAIL_PROVIDER: 'resend', EMAIL_API_KEY: 're_bench_fake_key', EMAIL_FROM: 'My Todos <hello@example.com>' };

/** (a) in both modes, (b) the baseline, (c) the email sent inside the request, (a') a prototype fix of (a). */
const VARIANTS = [
  { key: 'aQueue', label: '(a) as shipped, queue (production)', bundle: 'app-as-shipped', mode: 'queue', emailsInBackground: true },
  { key: 'aInline', label: '(a) as shipped, in-process (dev)', bundle: 'app-as-shipped', mode: 'inline', emailsInBackground: true },
  { key: 'b', label: '(b) WelcomeModule removed (baseline)', bundle: 'app-without-welcome', mode: 'queue' },
  { key: 'c', label: '(c) email sent inside the request', bundle: 'app-send-in-request', mode: 'queue' },
  // Not the system: a prototype of the proposed fix (workers/app-as-shipped-deferred.ts).
  { key: 'aQueueDeferred', label: "(a') PROTOTYPE fix, queue: background starts after the response", bundle: 'app-as-shipped-deferred', mode: 'queue', emailsInBackground: true },
  { key: 'aInlineDeferred', label: "(a') PROTOTYPE fix, in-process: background starts after the response", bundle: 'app-as-shipped-deferred', mode: 'inline', emailsInBackground: true },
];

/**
 * Benchmark 1. p50/p95/p99 of POST /auth/register, `count` registrations per variant sequentially,
 * then `count` more with `concurrency` in flight, every variant in its own workerd with its own D1,
 * all running at once and measured in alternating rounds. The email provider is a loopback server
 * that answers after `providerDelayMs`.
 */
export async function measureRegistrationLatency({ settings, bundles, count, concurrency, providerDelayMs, warmup, log }) {
  const provider = await startFakeEmailProvider({ delayMs: providerDelayMs });
  const workers = {};
  try {
    for (const variant of VARIANTS) {
      workers[variant.key] = await startLocalWorker({
        name: `register-${variant.key}`,
        bundlePath: bundles[variant.bundle],
        settings,
        vars: { CRUZ_JOBS_MODE: variant.mode, ...EMAIL_VARS },
        outboundAddress: provider.address,
      });
    }
    const keys = VARIANTS.map((v) => v.key);
    let serial = 0;
    const register = async (key) => {
      const n = serial++;
      const started = performance.now();
      const response = await fetch(new URL('/auth/register', workers[key].url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: `bench-${key.toLowerCase()}-${n}@example.com`, name: `Bench User ${n}`, password: 'correct horse battery' }),
      });
      await response.arrayBuffer();
      const ms = performance.now() - started;
      if (response.status !== 201) throw new Error(`${key}: POST /auth/register answered ${response.status}`);
      return ms;
    };

    for (const key of keys) for (let i = 0; i < warmup; i++) await register(key);
    for (const key of keys) await workers[key].postJson('/__bench/d1/reset', {});

    const sequential = Object.fromEntries(keys.map((k) => [k, []]));
    const roundSize = 10;
    for (let round = 0, done = 0; done < count; round++, done += roundSize) {
      for (const key of roundOrder(keys, round)) {
        for (let i = 0; i < Math.min(roundSize, count - done); i++) sequential[key].push(await register(key));
      }
    }
    log(`  sequential: ${count} registrations per variant done`);

    const concurrent = Object.fromEntries(keys.map((k) => [k, []]));
    const concurrentRound = concurrency * 5;
    for (let round = 0, done = 0; done < count; round++, done += concurrentRound) {
      for (const key of roundOrder(keys, round)) {
        let left = Math.min(concurrentRound, count - done);
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (left > 0) {
              left--;
              concurrent[key].push(await register(key));
            }
          }),
        );
      }
    }
    log(`  ${concurrency} concurrent: ${count} registrations per variant done`);

    // Every welcome email of (a) must have been sent in the background, by the job.
    const expectedJobs = warmup + 2 * count;
    const background = {};
    for (const variant of VARIANTS.filter((v) => v.emailsInBackground)) {
      const status = await waitFor(
        async () => {
          const s = await workers[variant.key].getJson('/__bench/jobs');
          return (s.byStatus.COMPLETED ?? 0) >= expectedJobs && s;
        },
        { everyMs: 500, timeoutMs: 120_000 + expectedJobs * 100, what: `the welcome jobs of ${variant.key} to complete` },
      );
      background[variant.key] = { jobsCompleted: status.byStatus.COMPLETED, byStatus: status.byStatus };
    }
    const d1 = {};
    for (const key of keys) {
      const counter = await workers[key].getJson('/__bench/d1');
      d1[key] = { statementsPerRegistration: counter.statements / (2 * count), roundTripsPerRegistration: counter.roundTrips / (2 * count) };
    }

    const result = { count, concurrency, providerDelayMs, warmup, variants: {}, ratios: {}, background, emailsReceivedByProvider: provider.received, d1 };
    for (const variant of VARIANTS) {
      result.variants[variant.key] = {
        label: variant.label,
        sequential: latencySummary(sequential[variant.key]),
        concurrent: latencySummary(concurrent[variant.key]),
      };
    }
    for (const phase of ['sequential', 'concurrent']) {
      const of = (key, p) => result.variants[key][phase][p];
      result.ratios[phase] = Object.fromEntries(
        keys.filter((key) => key !== 'b').map((key) => [key, Object.fromEntries(['p50', 'p95', 'p99'].map((p) => [p, ratio(of(key, p), of('b', p))]))]),
      );
    }
    return result;
  } finally {
    for (const worker of Object.values(workers)) await worker.stop();
    await provider.close();
  }
}
