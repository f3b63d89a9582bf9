// The real thing: `cruz deploy --dry-run` in the repository's app, with its own react-router
// and wrangler (a real build, then `wrangler deploy --dry-run`). It must not change a file that
// git tracks or sees (build/ and .wrangler/ are ignored). About 10-20 s.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { APP_ROOT, runCruz } from '../test-support/run-cruz.js';

/** `git status` of the repository, untracked files listed one by one. */
function gitStatus() {
  return new Promise((/** @type {(stdout: string) => void} */ resolve, reject) => {
    execFile('git', ['status', '--porcelain=v1', '--untracked-files=all'], { cwd: APP_ROOT }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

test('cruz deploy --dry-run builds for real, shows the bundle and its bindings, changes no file', { timeout: 180_000 }, async () => {
  const statusBefore = await gitStatus();
  const tomlBefore = await readFile(path.join(APP_ROOT, 'wrangler.toml'));

  const run = await runCruz(['deploy', '--dry-run'], { env: { FORCE_COLOR: '0' } });
  assert.equal(run.code, 0, run.stdout + run.stderr);

  assert.match(run.stdout, /^✔ build \(build\/server\/wrangler\.json\)$/m);
  assert.match(run.stdout, /^- queues and remote migrations: skipped \(--dry-run\)$/m);
  assert.match(run.stdout, /^✔ dry run: bundle built and checked, nothing deployed$/m);
  assert.match(run.stdout, /Total Upload: [\d.]+ KiB \/ gzip: [\d.]+ KiB/);
  assert.match(run.stdout, /env\.DB \(my-todos\)\s+D1 Database/);
  assert.match(run.stdout, /env\.JOBS \(my-todos-jobs\)\s+Queue/);
  assert.match(run.stdout, /--dry-run: exiting now\./);

  assert.deepEqual(await readFile(path.join(APP_ROOT, 'wrangler.toml')), tomlBefore, 'wrangler.toml is unchanged');
  // Someone else editing the repository while this runs would show up here too.
  const statusAfter = await gitStatus();
  const lines = (/** @type {string} */ text) => new Set(text.split('\n').filter(Boolean));
  const [before, afterLines] = [lines(statusBefore), lines(statusAfter)];
  const changed = [...[...afterLines].filter((line) => !before.has(line)), ...[...before].filter((line) => !afterLines.has(line)).map((line) => `(gone) ${line}`)];
  assert.deepEqual(changed, [], 'git status is unchanged');
});
