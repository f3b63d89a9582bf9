// @ts-check
import path from 'node:path';

/**
 * The local state folder from --persist-to, else from env CRUZ_STATE_DIR, as an absolute path
 * (the tools run in the app root, so a relative path must be resolved against the user's cwd
 * first). Undefined means the tools' default, <app root>/.wrangler/state.
 *
 * @param {string | number | boolean | undefined} option
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function resolvePersistDir(option, env = process.env) {
  const dir = typeof option === 'string' ? option : env.CRUZ_STATE_DIR;
  return dir ? path.resolve(dir) : undefined;
}

/**
 * wrangler arguments for that folder.
 *
 * @param {string | undefined} dir
 * @returns {string[]}
 */
export function persistArgs(dir) {
  return dir ? ['--persist-to', dir] : [];
}
