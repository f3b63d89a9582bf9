/** The targets, each checked against the figures (recorded, never asserted in the test suite). */
export function checkTargets(figures) {
  const targets = [];
  const add = (target, figure, met) => targets.push({ target, figure, met });
  const r = figures.registration;
  if (r) {
    const worst = ['sequential', 'concurrent'].flatMap((phase) => ['aQueue', 'aInline'].map((key) => r.ratios[phase][key].p50));
    add(
      'registration a/b <= 1.10 (p50, both modes, sequential and 8 concurrent)',
      `queue ${fmt(r.ratios.sequential.aQueue.p50)} / ${fmt(r.ratios.concurrent.aQueue.p50)}, in-process ${fmt(r.ratios.sequential.aInline.p50)} / ${fmt(r.ratios.concurrent.aInline.p50)}`,
      worst.every((x) => x <= 1.1),
    );
    add('registration c/b far above a/b (p50)', `c/b ${fmt(r.ratios.sequential.c.p50)} sequential, ${fmt(r.ratios.concurrent.c.p50)} concurrent`, r.ratios.sequential.c.p50 > 2 && r.ratios.concurrent.c.p50 > 2);
  }
  const t = figures.throughput;
  if (t) {
    add('job throughput >= 0.8 x ack-only baseline', `${fmt(t.queueToAckOnly)} (${t.queuePerSecond.toFixed(0)} vs ${t.ackOnlyPerSecond.toFixed(0)} jobs/s)`, t.queueToAckOnly >= 0.8);
    add('<= 3 D1 statements per job (production)', `${fmt(t.statementsPerJob)} statements, ${fmt(t.roundTripsPerJob)} round trips`, t.statementsPerJob <= 3);
  }
  const s = figures.scale;
  if (s && s.sizes.length > 1) {
    for (const q of s.queries) {
      add(`${q.name}: index search, growth ${s.sizes.at(-1).toLocaleString('en-US')}/${s.sizes[0].toLocaleString('en-US')} <= 3`, `${q.indexSearch ? 'SEARCH' : 'SCAN'}, time x${fmt(q.growthMs)}, rows read x${fmt(q.growthRowsRead)}`, q.indexSearch && q.growthMs <= 3);
    }
  }
  const b = figures.bundle;
  if (b) add('gzip bundle <= 400 KB', `${(b.gzipBytes / 1000).toFixed(0)} KB (${(b.gzipBytes / 1024).toFixed(1)} KiB)`, b.gzipBytes <= 400_000);
  return targets;
}

function fmt(x) {
  return x == null ? 'n/a' : x.toFixed(2);
}
