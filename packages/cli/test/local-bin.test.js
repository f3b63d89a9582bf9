import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CliError } from '../src/cli-error.js';
import { localBin } from '../src/local-bin.js';

/** @type {string} */
let dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cruz-local-bin-'));
  for (const folder of ['app/node_modules/.bin', 'bare-app', 'path-a', 'path-b']) await mkdir(path.join(dir, folder), { recursive: true });
  for (const file of ['app/node_modules/.bin/wrangler', 'path-b/wrangler', 'path-b/vite']) {
    await writeFile(path.join(dir, file), '#!/bin/sh\n');
    await chmod(path.join(dir, file), 0o755);
  }
  // Not executable: skipped.
  await writeFile(path.join(dir, 'path-a/vite'), '');
});
after(() => rm(dir, { recursive: true, force: true }));

const searchPath = () => [path.join(dir, 'path-a'), path.join(dir, 'path-b')].join(path.delimiter);

test("the app's node_modules/.bin wins over PATH", () => {
  assert.equal(localBin(path.join(dir, 'app'), 'wrangler', { PATH: searchPath() }), path.join(dir, 'app/node_modules/.bin/wrangler'));
});

test('a tool the app lacks is the first executable one on PATH', () => {
  assert.equal(localBin(path.join(dir, 'bare-app'), 'wrangler', { PATH: searchPath() }), path.join(dir, 'path-b/wrangler'));
  assert.equal(localBin(path.join(dir, 'app'), 'vite', { PATH: searchPath() }), path.join(dir, 'path-b/vite'));
});

test('relative PATH entries are ignored; a tool found nowhere is a CliError naming both places', () => {
  assert.throws(
    () => localBin(path.join(dir, 'bare-app'), 'react-router', { PATH: `.${path.delimiter}path-b${path.delimiter}${searchPath()}` }),
    (error) => error instanceof CliError && /react-router is not installed in .*bare-app \(expected .*node_modules\/\.bin\/react-router\) nor on PATH/.test(error.message),
  );
  assert.throws(() => localBin(path.join(dir, 'bare-app'), 'wrangler', { PATH: 'path-b' }), CliError);
});
