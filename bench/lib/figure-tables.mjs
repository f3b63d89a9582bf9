/**
 * The results as titled tables (header + rows of strings): printed to the terminal and written to
 * bench/RESULTS.md from the same rows.
 */
export function figureTables(figures) {
  const tables = [];
  const ms = (x) => (x == null ? 'n/a' : `${x.toFixed(1)} ms`);
  const x2 = (x) => (x == null ? 'n/a' : `${x.toFixed(2)}x`);
  const n0 = (x) => (x == null ? 'n/a' : Math.round(x).toLocaleString('en-US'));

  const r = figures.registration;
  if (r) {
    const rows = [];
    for (const phase of ['sequential', 'concurrent']) {
      for (const [key, v] of Object.entries(r.variants)) {
        const s = v[phase];
        const ratios = key === 'b' ? null : r.ratios[phase][key];
        rows.push([
          phase === 'sequential' ? 'sequential' : `${r.concurrency} concurrent`,
          v.label,
          ms(s.p50),
          ms(s.p95),
          ms(s.p99),
          ratios ? `${x2(ratios.p50)} / ${x2(ratios.p95)} / ${x2(ratios.p99)}` : '(baseline)',
          (r.d1[key]?.statementsPerRegistration ?? 0).toFixed(1),
        ]);
      }
    }
    tables.push({
      title: `1. Registration latency: POST /auth/register, ${r.count} sequential + ${r.count} at ${r.concurrency} concurrent per variant, email provider answers after ${r.providerDelayMs} ms`,
      header: ['phase', 'variant', 'p50', 'p95', 'p99', 'vs (b): p50 / p95 / p99', 'D1 stmts per registration (incl. background)'],
      rows,
      notes: [
        `Welcome jobs COMPLETED in the background: queue ${r.background.aQueue?.jobsCompleted}, in-process ${r.background.aInline?.jobsCompleted} (of ${r.warmup + 2 * r.count} each); emails received by the fake provider: ${r.emailsReceivedByProvider}.`,
      ],
    });
  }

  const t = figures.throughput;
  if (t) {
    tables.push({
      title: `2. Job throughput: ${n0(t.jobs)} no-op jobs, median of ${t.rounds} round(s)`,
      header: ['figure', 'value'],
      rows: [
        ['production (queue consumer), first insert to last COMPLETED', `${n0(t.queuePerSecond)} jobs/s`],
        ['baseline: same messages, same local queue, consumer only acks', `${n0(t.ackOnlyPerSecond)} msgs/s`],
        ['ratio production / baseline', x2(t.queueToAckOnly)],
        ['dev (in-process)', `${n0(t.inlinePerSecond)} jobs/s`],
        ['D1 statements per job (production)', t.statementsPerJob.toFixed(2)],
        ['D1 round trips per job (production)', t.roundTripsPerJob.toFixed(2)],
        ['D1 statements per job (dev, in-process)', t.inlineStatementsPerJob.toFixed(2)],
        ['what-if max_batch_size 100: baseline (ack only)', `${n0(t.batch100.ackOnly.jobsPerSecond)} msgs/s`],
        ['what-if max_batch_size 100: production (the system)', `${n0(t.batch100.queue.jobsPerSecond)} jobs/s, ${x2(t.batch100.queue.toAckOnly)} of that baseline, ${t.batch100.queue.statementsPerJob.toFixed(2)} stmts / ${t.batch100.queue.roundTripsPerJob.toFixed(2)} round trips per job`],
      ],
    });
  }

  const s = figures.scale;
  if (s) {
    const sizes = s.sizes;
    tables.push({
      title: `3. Job table scale: ${sizes.map((n) => n0(n)).join(' and ')} rows (1,900 unfinished, the rest COMPLETED), each statement run ${s.repeats} times (prune: 5) through workerd's D1; time = mean without the fastest and slowest 10%`,
      header: ['query', ...sizes.map((n) => `time at ${n0(n)}`), ...sizes.map((n) => `rows read at ${n0(n)}`), 'growth (time)', 'plan'],
      rows: s.queries.map((q) => [
        q.name,
        ...sizes.map((n) => ms(q.timeMs[n])),
        ...sizes.map((n) => n0(q.rowsRead[n])),
        sizes.length > 1 ? x2(q.growthMs) : 'n/a',
        q.plan.join('; '),
      ]),
      notes: [
        `One whole sweep (system call, incl. 10 prune batches): ${sizes.map((n) => `${ms(s.sweep[n].ms)} at ${n0(n)}`).join(', ')}.`,
        `What-if, time-ordered Job ids (the proposed prune fix): prune 500 COMPLETED ${sizes.map((n) => `${ms(s.timeOrderedPrune.timeMs[n])} at ${n0(n)}`).join(', ')}${sizes.length > 1 ? `, growth ${x2(s.timeOrderedPrune.growthMs)}` : ''}.`,
        `The claim as the runner calls it (trimmed mean of ${s.repeats}): ${sizes.map((n) => `${ms(s.claimSystemMs[n])} at ${n0(n)}`).join(', ')}. Rows written in ${sizes.map((n) => `${s.populateSeconds[n].toFixed(1)} s at ${n0(n)}`).join(', ')}.`,
      ],
    });
  }

  const b = figures.bundle;
  const st = figures.startup;
  if (b || st) {
    const rows = [];
    if (b) {
      rows.push(['worker bundle, raw (all modules wrangler uploads)', `${(b.rawBytes / 1024).toFixed(1)} KiB`]);
      rows.push(['worker bundle, gzip (zlib level 6, per module, summed)', `${(b.gzipBytes / 1024).toFixed(1)} KiB`]);
      rows.push(['wrangler deploy --dry-run "Total Upload"', `${b.wranglerTotalKiB} KiB / gzip ${b.wranglerGzipKiB} KiB`]);
      for (const m of b.modules) rows.push([`  ${m.file}`, `${(m.rawBytes / 1024).toFixed(1)} KiB / gzip ${(m.gzipBytes / 1024).toFixed(1)} KiB`]);
    }
    if (st) {
      rows.push([`workerd ready, app (median of ${st.starts})`, ms(st.appReadyMs)]);
      rows.push(['workerd ready, trivial worker', ms(st.trivialReadyMs)]);
      rows.push(['start-up cost of the app code (difference)', ms(st.moduleEvaluationMs)]);
      rows.push(['first response GET /auth/login (builds the runtime)', `${ms(st.appFirstResponseMs)} (trivial: ${ms(st.trivialFirstResponseMs)})`]);
    }
    tables.push({ title: '4. Cost to deploy and start', header: ['figure', 'value'], rows });
  }

  const p = figures.peers;
  if (p) {
    const ours = figures.throughput?.queuePerSecond ?? null;
    const rows = [['CruzJS (this repo), production queue consumer on local D1 + Queues', ours == null ? 'n/a' : `${n0(ours)} jobs/s`, '1.00x', 'wrangler.toml: max_batch_size 10, max_batch_timeout 1 s']];
    for (const [name, label] of [
      ['pgBoss', 'pg-boss on PostgreSQL'],
      ['graphileWorker', 'graphile-worker on PostgreSQL'],
      ['bullmq', 'BullMQ on Redis'],
    ]) {
      const peer = p.peers[name];
      if (!peer || peer.skipped) rows.push([label, 'skipped', '', peer?.skipped ?? 'not run']);
      else rows.push([label, `${n0(peer.jobsPerSecond)} jobs/s`, ours == null ? 'n/a' : x2(ours / peer.jobsPerSecond), peer.settings]);
    }
    tables.push({ title: `5. Peers: ${n0(p.jobs)} no-op jobs end to end, median of ${p.rounds} round(s)`, header: ['system', 'throughput', 'ours / theirs', 'settings'], rows });
  }
  return tables;
}
