import path from 'node:path';
import { startLocalWorker } from './lib/local-worker.mjs';
import { median, ratio } from './lib/statistics.mjs';
import { waitFor } from './lib/wait-for.mjs';
import { roundOrder } from './lib/round-order.mjs';

const NOOP_JOB = 'bench/noop';

/**
 * Benchmark 2. `jobs` no-op jobs created with createJobs (100 per call, as an app would), run by
 * the production queue consumer until all are COMPLETED: jobs/s from the first insert to the last
 * completion, with the D1 statements it took. Baseline: as many messages through the same local
 * queue (same consumer settings) to a consumer that only acks. Also the dev (in-process) mode.
 * Each round starts fresh workers (fresh D1); rounds rotate the order so drift hits all alike.
 * Also measured: everything again with the consumer's max_batch_size at 100.
 */
export async function measureJobThroughput({ settings, bundles, jobs, rounds, log }) {
  // What-if: the same with the consumer's max_batch_size at 100 (Cloudflare's maximum) instead of wrangler.toml's 10.
  const big = { ...settings, queue: { ...settings.queue, maxBatchSize: 100 } };
  const kinds = {
    ackOnly: () => runAckOnly({ settings, bundle: bundles['ack-only-consumer'], count: jobs }),
    queue: () => runOurs({ settings, bundle: bundles['noop-jobs'], count: jobs, mode: 'queue' }),
    inline: () => runOurs({ settings, bundle: bundles['noop-jobs'], count: jobs, mode: 'inline' }),
    ackOnlyBatch100: () => runAckOnly({ settings: big, bundle: bundles['ack-only-consumer'], count: jobs }),
    queueBatch100: () => runOurs({ settings: big, bundle: bundles['noop-jobs'], count: jobs, mode: 'queue' }),
  };
  const samples = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    const order = roundOrder(Object.keys(kinds), round);
    for (const kind of order) {
      const sample = await kinds[kind]();
      samples[kind].push(sample);
      log(`  round ${round + 1}/${rounds} ${kind}: ${sample.jobsPerSecond.toFixed(0)} jobs/s over ${sample.seconds.toFixed(2)} s`);
    }
  }
  const rate = (kind) => median(samples[kind].map((s) => s.jobsPerSecond));
  const perJob = (kind, field) => (samples[kind][0]?.[field] === undefined ? null : median(samples[kind].map((s) => s[field])));
  const figure = (kind, baseline) => ({
    jobsPerSecond: rate(kind),
    toAckOnly: baseline ? ratio(rate(kind), rate(baseline)) : null,
    statementsPerJob: perJob(kind, 'statementsPerJob'),
    roundTripsPerJob: perJob(kind, 'roundTripsPerJob'),
  });
  return {
    jobs,
    rounds,
    ackOnlyPerSecond: rate('ackOnly'),
    queuePerSecond: rate('queue'),
    inlinePerSecond: rate('inline'),
    queueToAckOnly: ratio(rate('queue'), rate('ackOnly')),
    statementsPerJob: perJob('queue', 'statementsPerJob'),
    roundTripsPerJob: perJob('queue', 'roundTripsPerJob'),
    inlineStatementsPerJob: perJob('inline', 'statementsPerJob'),
    batch100: {
      ackOnly: figure('ackOnlyBatch100'),
      queue: figure('queueBatch100', 'ackOnlyBatch100'),
    },
    samples,
  };
}

async function runOurs({ settings, bundle, count, mode }) {
  const worker = await startLocalWorker({
    name: `jobs-${mode}-${path.basename(bundle, '.mjs')}`,
    bundlePath: bundle,
    settings,
    vars: { CRUZ_JOBS_MODE: mode },
    queueConsumer: mode === 'queue',
  });
  try {
    await worker.postJson('/__bench/d1/reset', {});
    const created = await worker.postJson('/__bench/jobs/create', { count, type: NOOP_JOB, chunk: 100 });
    const done = await waitFor(
      async () => {
        const status = await worker.getJson('/__bench/jobs');
        return (status.byStatus.COMPLETED ?? 0) >= count && status;
      },
      { everyMs: 250, timeoutMs: 60_000 + count * 20, what: `${count} ${mode} jobs to complete` },
    );
    const unfinished = Object.entries(done.byStatus).filter(([status]) => status !== 'COMPLETED');
    if (unfinished.length > 0) throw new Error(`Jobs left unfinished in ${mode} mode: ${JSON.stringify(done.byStatus)}`);
    const d1 = await worker.getJson('/__bench/d1');
    const seconds = (done.lastCompleted - created.startedAt) / 1000;
    return {
      jobsPerSecond: count / seconds,
      seconds,
      statementsPerJob: d1.statements / count,
      roundTripsPerJob: d1.roundTrips / count,
    };
  } finally {
    await worker.stop();
  }
}

async function runAckOnly({ settings, bundle, count }) {
  const worker = await startLocalWorker({ name: 'ack-only', bundlePath: bundle, settings, database: false });
  try {
    await worker.postJson('/__bench/send', { count });
    const done = await waitFor(
      async () => {
        const state = await worker.getJson('/__bench/acked');
        return state.acked >= count && state;
      },
      { everyMs: 250, timeoutMs: 60_000 + count * 20, what: `${count} messages to be acked` },
    );
    const seconds = (done.lastAckedAt - done.firstSentAt) / 1000;
    return { jobsPerSecond: count / seconds, seconds };
  } finally {
    await worker.stop();
  }
}
