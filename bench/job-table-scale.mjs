import { startLocalWorker } from './lib/local-worker.mjs';
import { completedRowsStatement, unfinishedRowsStatements, UNFINISHED_TOTAL, UNFINISHED_MIX } from './lib/job-table-rows.mjs';
import { ratio, trimmedMean } from './lib/statistics.mjs';

const CHUNK_ROWS = 100_000;

/**
 * Benchmark 3. The Job table at each size: the system's own claim, one sweep by the system's sweeper
 * and a per-status count are run through workerd's D1 with the SQL recorded as drizzle sent it; each
 * distinct statement is then run again `repeats` times with the same parameters (timed one by one in
 * the worker; the figure is the mean without the fastest and slowest 10%), EXPLAIN QUERY PLAN'd,
 * and D1's rows_read kept. Growth = figure at the largest size /
 * figure at the smallest.
 */
export async function measureJobTableScale({ settings, bundles, sizes, repeats, log }) {
  const bySize = {};
  for (const size of sizes) {
    bySize[size] = await measureAtSize({ settings, bundle: bundles['noop-jobs'], size, repeats, log });
  }
  const smallest = bySize[sizes[0]];
  const largest = bySize[sizes[sizes.length - 1]];
  const queries = Object.keys(smallest.queries).map((name) => {
    const small = smallest.queries[name];
    const large = largest.queries[name];
    return {
      name,
      sql: small.sql,
      plan: large.plan,
      indexSearch: small.indexSearch && large.indexSearch,
      timeMs: Object.fromEntries(sizes.map((s) => [s, bySize[s].queries[name]?.timeMs ?? null])),
      rowsRead: Object.fromEntries(sizes.map((s) => [s, bySize[s].queries[name]?.rowsRead ?? null])),
      growthMs: sizes.length > 1 ? ratio(large.timeMs, small.timeMs) : null,
      growthRowsRead: sizes.length > 1 ? ratio(large.rowsRead, small.rowsRead) : null,
    };
  });
  return {
    sizes,
    repeats,
    unfinishedMix: UNFINISHED_MIX,
    populateSeconds: Object.fromEntries(sizes.map((s) => [s, bySize[s].populateSeconds])),
    sweep: Object.fromEntries(sizes.map((s) => [s, bySize[s].sweep])),
    claimSystemMs: Object.fromEntries(sizes.map((s) => [s, bySize[s].claimSystemMs])),
    queries,
    timeOrderedPrune: {
      timeMs: Object.fromEntries(sizes.map((s) => [s, bySize[s].timeOrderedPrune.timeMs])),
      growthMs: sizes.length > 1 ? ratio(largest.timeOrderedPrune.timeMs, smallest.timeOrderedPrune.timeMs) : null,
    },
  };
}

async function measureAtSize({ settings, bundle, size, repeats, log }) {
  // Producer only: what the sweeper wakes is sent to a queue nobody consumes, so the table stays put.
  const worker = await startLocalWorker({ name: `scale-${size}`, bundlePath: bundle, settings, vars: { CRUZ_JOBS_MODE: 'queue' }, queueConsumer: false });
  try {
    const now = Date.now();
    const started = Date.now();
    await populate(worker, size, now);
    const populateSeconds = (Date.now() - started) / 1000;
    const total = await sqlRows(worker, 'SELECT COUNT(*) AS n FROM Job');
    if (total[0].n !== size) throw new Error(`The Job table has ${total[0].n} rows, expected ${size}.`);
    log(`  ${size.toLocaleString('en-US')} rows written in ${populateSeconds.toFixed(1)} s`);

    const queries = {};
    // Records the one statement `snapshot` holds matching `predicate`, then EXPLAINs it and runs it
    // again `times` times with the same parameters, each run timed in the worker.
    const measure = async (name, snapshot, predicate, times = repeats) => {
      const found = snapshot.bySql.filter(predicate);
      if (found.length !== 1) throw new Error(`Expected one recorded statement for ${name}, found ${found.length}: ${found.map((f) => f.sql).join(' | ')}`);
      const { sql, lastParams: params } = found[0];
      const plan = (await sqlRows(worker, `EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail);
      const replay = await worker.postJson('/__bench/replay', { sql, params, times });
      queries[name] = {
        sql,
        params,
        plan,
        indexSearch: isIndexSearch(plan),
        timeMs: trimmedMean(replay.ms),
        samplesMs: replay.ms,
        rowsRead: replay.meta?.rows_read ?? null,
        rowsReturned: replay.rows,
      };
    };

    // Counts first, on the whole table.
    const countAll = await worker.postJson('/__bench/count-by-status', {});
    await measure('count per status, all statuses', countAll.d1, () => true);
    const countOpen = await worker.postJson('/__bench/count-by-status', { unfinishedOnly: true });
    await measure('count per status, all but COMPLETED', countOpen.d1, () => true);

    // The claim, as the runner calls it, on due PENDING jobs (each claimed once; the replays find it
    // held, so they cost the same search and change nothing).
    const due = await sqlRows(worker, `SELECT id FROM Job WHERE status = 'PENDING' AND runAt <= ? LIMIT ?`, [now, repeats]);
    await worker.postJson('/__bench/d1/reset', { record: true });
    const claim = await worker.postJson('/__bench/claim', { ids: due.map((r) => r.id) });
    if (claim.claimed !== due.length) throw new Error(`Claimed ${claim.claimed} of ${due.length} due jobs.`);
    await measure('claim', await worker.getJson('/__bench/d1'), (s) => /^update "Job"/i.test(s.sql));

    // One sweep by the system's sweeper (it prunes up to 10 x 500 rows), then its statements again.
    const sweep = await worker.postJson('/__bench/sweep', {});
    await measure('sweeper: bury exhausted leases (UPDATE)', sweep.d1, (s) => /^update "Job" set "status"/i.test(s.sql));
    await measure('sweeper: PENDING/FAILED to wake (UPDATE wokenAt)', sweep.d1, (s) => /^update "Job" set "wokenAt"/i.test(s.sql) && /"status" in/i.test(s.sql));
    await measure('sweeper: expired leases (UPDATE wokenAt)', sweep.d1, (s) => /^update "Job" set "wokenAt"/i.test(s.sql) && /"leaseExpiresAt" <=/i.test(s.sql));
    // Each prune deletes 500 rows: 5 runs, so even the smallest table still has prunable rows throughout.
    await measure('sweeper: prune 500 COMPLETED (DELETE)', sweep.d1, (s) => /^delete/i.test(s.sql), Math.min(5, repeats));

    log(`  ${size.toLocaleString('en-US')} rows measured`);
    const timeOrderedPrune = await measurePruneWithTimeOrderedIds({ settings, bundle, size, prune: queries['sweeper: prune 500 COMPLETED (DELETE)'] });
    return {
      populateSeconds,
      timeOrderedPrune,
      claimSystemMs: trimmedMean(claim.ms),
      sweep: { ms: sweep.ms, report: sweep.report, statements: sweep.d1.statements },
      queries,
    };
  } finally {
    await worker.stop();
  }
}

async function populate(worker, size, now, options) {
  await worker.postJson('/__bench/sql', { statements: unfinishedRowsStatements(now), keepRows: false });
  const completed = size - UNFINISHED_TOTAL;
  for (let from = 1; from <= completed; from += CHUNK_ROWS) {
    await worker.postJson('/__bench/sql', { statements: [completedRowsStatement(from, Math.min(CHUNK_ROWS, completed - from + 1), completed, now, options)], keepRows: false });
  }
}

/**
 * What-if for the prune fix: the same table, but with Job ids that start with the time (so old
 * rows sit together in the primary-key index, as they do in every other index the prune touches).
 * The system's prune statement, with the parameters it was recorded with, 5 runs of 500 rows.
 */
async function measurePruneWithTimeOrderedIds({ settings, bundle, size, prune }) {
  const worker = await startLocalWorker({ name: `scale-ordered-${size}`, bundlePath: bundle, settings, vars: { CRUZ_JOBS_MODE: 'queue' }, queueConsumer: false });
  try {
    await populate(worker, size, Date.now(), { timeOrderedIds: true });
    const replay = await worker.postJson('/__bench/replay', { sql: prune.sql, params: prune.params, times: 5 });
    return { timeMs: trimmedMean(replay.ms), samplesMs: replay.ms, rowsRead: replay.meta?.rows_read ?? null };
  } finally {
    await worker.stop();
  }
}

/** Every step that reads the Job table is a SEARCH through an index (a SCAN, even of a covering index, reads it all). */
function isIndexSearch(plan) {
  const onJob = plan.filter((line) => /\bJob\b/.test(line));
  return onJob.length > 0 && onJob.every((line) => /^SEARCH Job USING (COVERING |PRIMARY KEY |INTEGER PRIMARY KEY )?INDEX|^SEARCH Job USING (INTEGER )?PRIMARY KEY/.test(line));
}

async function sqlRows(worker, sql, params = []) {
  const { results } = await worker.postJson('/__bench/sql', { statements: [{ sql, params }] });
  return results[0].results;
}
