#!/usr/bin/env node
// `npm run bench`: every benchmark of bench/README.md, a table on the terminal, bench/results.json
// and bench/RESULTS.md. `npm run bench -- --quick`: the same code on small counts (what CI runs, so
// the benchmarks cannot rot); it writes no result file unless --out FILE is given.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { bundleWorker } from './lib/worker-bundle.mjs';
import { readWranglerSettings } from './lib/wrangler-settings.mjs';
import { describeMachine } from './lib/machine.mjs';
import { makeTempDir, teardownAll } from './lib/teardown.mjs';
import { figureTables } from './lib/figure-tables.mjs';
import { formatConsoleTable } from './lib/console-table.mjs';
import { checkTargets } from './lib/targets.mjs';
import { writeResultFiles, renderMarkdown, benchPath } from './lib/results-files.mjs';
import { measureRegistrationLatency } from './registration-latency.mjs';
import { measureJobThroughput } from './job-throughput.mjs';
import { measureJobTableScale } from './job-table-scale.mjs';
import { measureBundleSize } from './bundle-size.mjs';
import { measureStartup } from './startup-time.mjs';
import { measurePeers } from './peer-throughput.mjs';

const BENCHMARKS = ['registration', 'throughput', 'scale', 'bundle', 'peers'];

const FULL = {
  registrations: 300,
  concurrency: 8,
  providerDelayMs: 500,
  warmup: 8,
  jobs: 5000,
  throughputRounds: 3,
  scaleSizes: [10_000, 1_000_000],
  scaleRepeats: 40,
  starts: 10,
  peerRounds: 3,
};

const QUICK = {
  registrations: 20,
  concurrency: 8,
  providerDelayMs: 500,
  warmup: 2,
  jobs: 200,
  throughputRounds: 1,
  scaleSizes: [10_000],
  scaleRepeats: 5,
  starts: 2,
  peerRounds: 1,
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    peers: { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`npm run bench [-- --quick] [-- --only ${BENCHMARKS.join(',')}] [-- --out FILE]

  (no option)  every benchmark at full size (about 15 minutes); writes bench/results.json and bench/RESULTS.md
  --quick      small counts, no peers unless --peers (CI's smoke run);
               writes no file unless --out is given
  --peers      with --quick: run the peers too (only where their servers are already installed)
  --only LIST  run only these benchmarks (comma-separated); writes no file unless --out is given
  --out FILE   write the figures as JSON to FILE (and FILE with .md for the Markdown page)`);
  process.exit(0);
}

const quick = values.quick;
const config = quick ? QUICK : FULL;
const selected = values.only ? values.only.split(',').map((s) => s.trim()) : BENCHMARKS;
for (const name of selected) {
  if (!BENCHMARKS.includes(name)) {
    console.error(`Unknown benchmark "${name}": choose from ${BENCHMARKS.join(', ')}.`);
    process.exit(2);
  }
}

const log = (line) => console.log(line);
const started = performance.now();
const results = { mode: quick ? 'quick' : 'full', config, machine: describeMachine(), figures: {}, errors: [] };

try {
  log(`[bench] ${quick ? 'quick' : 'full'} run: ${selected.join(', ')}`);
  const settings = await readWranglerSettings();
  const bundleDir = makeTempDir('bundles');
  const bundles = {};
  for (const entry of ['app-as-shipped', 'app-as-shipped-deferred', 'app-without-welcome', 'app-send-in-request', 'noop-jobs', 'ack-only-consumer', 'trivial']) {
    bundles[entry] = (await bundleWorker(entry, bundleDir)).path;
  }

  const step = async (name, title, fn) => {
    if (!selected.includes(name)) return;
    log(`\n[bench] ${title}`);
    const t0 = performance.now();
    try {
      results.figures[name] = await fn();
    } catch (error) {
      results.errors.push({ benchmark: name, message: error?.stack ?? String(error) });
      console.error(`[bench] ${name} failed:`, error);
    }
    log(`[bench] ${title}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };

  await step('registration', '1. registration latency', () =>
    measureRegistrationLatency({
      settings,
      bundles,
      count: config.registrations,
      concurrency: config.concurrency,
      providerDelayMs: config.providerDelayMs,
      warmup: config.warmup,
      log,
    }),
  );
  await step('throughput', '2. job throughput', () => measureJobThroughput({ settings, bundles, jobs: config.jobs, rounds: config.throughputRounds, log }));
  await step('scale', '3. Job table scale', () => measureJobTableScale({ settings, bundles, sizes: config.scaleSizes, repeats: config.scaleRepeats, log }));
  await step('bundle', '4. bundle size and start-up', async () => {
    const bundle = await measureBundleSize({ log });
    const files = ['index.js', ...bundle.modules.map((m) => m.file).filter((f) => f !== 'index.js')];
    results.figures.startup = await measureStartup({ settings, deployModules: { root: bundle.outDir, files }, trivialBundle: bundles.trivial, starts: config.starts, log });
    delete bundle.outDir;
    return bundle;
  });
  if (quick && !values.peers) {
    // The smoke run stays independent of database servers on the machine: CI must not fail on them.
    log('\n[bench] 5. peers: skipped in --quick (add --peers to include them)');
  } else {
    await step('peers', '5. peers', () => measurePeers({ jobs: config.jobs, rounds: config.peerRounds, install: !quick, log }));
  }
} catch (error) {
  results.errors.push({ benchmark: 'setup', message: error?.stack ?? String(error) });
  console.error('[bench] failed:', error);
} finally {
  await teardownAll();
}

results.durationSeconds = (performance.now() - started) / 1000;
const tables = figureTables(results.figures);
const targets = checkTargets(results.figures);
results.targets = targets;
log('');
for (const table of tables) log(`${formatConsoleTable(table)}\n`);
log('Targets (recorded, not asserted):');
for (const t of targets) log(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: ${t.figure}`);
log(`\n[bench] ${quick ? 'quick' : 'full'} run took ${results.durationSeconds.toFixed(1)} s`);

const failed = results.errors.length > 0;
if (values.out) {
  fs.writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(values.out.replace(/\.json$/, '') + '.md', renderMarkdown({ results, tables, targets }));
  log(`[bench] wrote ${values.out}`);
} else if (!quick && !values.only && !failed) {
  writeResultFiles({ results, tables, targets, jsonPath: benchPath('results.json'), markdownPath: benchPath('RESULTS.md') });
  log(`[bench] wrote ${path.relative(process.cwd(), benchPath('results.json'))} and ${path.relative(process.cwd(), benchPath('RESULTS.md'))}`);
} else if (failed && !quick) {
  log('[bench] not writing bench/results.json: a benchmark failed (the recorded results stay as they were).');
}
if (failed) {
  console.error(`[bench] ${results.errors.length} benchmark(s) failed: ${results.errors.map((e) => e.benchmark).join(', ')}`);
  process.exit(1);
}
