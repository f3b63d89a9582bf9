// @ts-check
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error.js';

/**
 * Path of a tool installed in the app (node_modules/.bin), so cruz runs the versions the app
 * pinned rather than whatever is on PATH.
 *
 * @param {string} appRoot
 * @param {'wrangler' | 'vite' | 'drizzle-kit'} tool
 * @returns {string}
 */
export function localBin(appRoot, tool) {
  const file = path.join(appRoot, 'node_modules', '.bin', tool);
  if (!existsSync(file)) {
    throw new CliError(`cruz: ${tool} is not installed in ${appRoot} (expected ${file}); run npm install there`);
  }
  return file;
}
