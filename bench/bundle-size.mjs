import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { runCommand } from './lib/child-process.mjs';
import { makeTempDir } from './lib/teardown.mjs';
import { REPO_ROOT } from './lib/repo-root.mjs';

const BIN = path.join(REPO_ROOT, 'node_modules/.bin');

/**
 * Benchmark 4a. The deployable worker, built as `cruz deploy --dry-run` builds it: `react-router
 * build` (writes build/ and .wrangler/deploy/config.json), then `wrangler deploy --config <generated
 * config> --dry-run --outdir <temp>`. Raw and gzip size of every module wrangler would upload, as we
 * measure them (zlib gzip, default level 6) and as wrangler prints them.
 */
export async function measureBundleSize({ log }) {
  const build = await runCommand(path.join(BIN, 'react-router'), ['build'], { cwd: REPO_ROOT });
  if (build.code !== 0) throw new Error(`react-router build failed:\n${(build.stderr || build.stdout).slice(-3000)}`);
  const pointer = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, '.wrangler/deploy/config.json'), 'utf8'));
  const deployConfig = path.resolve(REPO_ROOT, '.wrangler/deploy', pointer.configPath);
  const outDir = makeTempDir('deploy');
  const deploy = await runCommand(path.join(BIN, 'wrangler'), ['deploy', '--config', deployConfig, '--dry-run', '--outdir', outDir], { cwd: REPO_ROOT });
  const output = `${deploy.stdout}\n${deploy.stderr}`;
  if (deploy.code !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${output.slice(-3000)}`);

  const modules = listModules(outDir).map((file) => {
    const bytes = fs.readFileSync(path.join(outDir, file));
    return { file, rawBytes: bytes.length, gzipBytes: zlib.gzipSync(bytes).length };
  });
  const printed = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output);
  const result = {
    deployConfig: path.relative(REPO_ROOT, deployConfig),
    modules,
    rawBytes: modules.reduce((n, m) => n + m.rawBytes, 0),
    gzipBytes: modules.reduce((n, m) => n + m.gzipBytes, 0),
    wranglerTotalKiB: printed ? Number(printed[1]) : null,
    wranglerGzipKiB: printed ? Number(printed[2]) : null,
    outDir,
  };
  log(`  ${modules.length} modules, ${(result.rawBytes / 1024).toFixed(1)} KiB raw, ${(result.gzipBytes / 1024).toFixed(1)} KiB gzip`);
  return result;
}

function listModules(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) return listModules(dir, rel);
    return /\.(m?js|wasm)$/.test(entry.name) ? [rel] : [];
  });
}
