// @ts-check
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error.js';

/**
 * The app root: the nearest folder, from `start` upwards, holding wrangler.toml.
 * Tools run there so wrangler, vite and drizzle-kit all find their config files.
 *
 * @param {string} [start]
 * @returns {string}
 */
export function findAppRoot(start = process.cwd()) {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'wrangler.toml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new CliError(
        `cruz: no wrangler.toml in ${path.resolve(start)} or any folder above it; run cruz inside your app`,
      );
    }
    dir = parent;
  }
}
