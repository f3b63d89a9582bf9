// @ts-check
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error.js';

/**
 * @typedef {'wrangler' | 'vite' | 'drizzle-kit' | 'react-router'} Tool
 */

/**
 * Path of a tool installed in the app (node_modules/.bin), so cruz runs the versions the app
 * pinned rather than whatever is on PATH. Only when the app has no copy does cruz take the first
 * one on PATH (a global install; the CLI tests put fake tools there).
 *
 * @param {string} appRoot
 * @param {Tool} tool
 * @param {NodeJS.ProcessEnv} [env] where PATH comes from
 * @returns {string}
 */
export function localBin(appRoot, tool, env = process.env) {
  const file = path.join(appRoot, 'node_modules', '.bin', tool);
  if (existsSync(file)) return file;
  const onPath = findOnPath(tool, env.PATH ?? '');
  if (onPath) return onPath;
  throw new CliError(`cruz: ${tool} is not installed in ${appRoot} (expected ${file}) nor on PATH; run npm install there`);
}

/**
 * @param {string} name
 * @param {string} searchPath
 * @returns {string | undefined}
 */
function findOnPath(name, searchPath) {
  for (const dir of searchPath.split(path.delimiter)) {
    // An empty PATH entry means the current folder; cruz never runs tools from there.
    if (!dir || !path.isAbsolute(dir)) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}
