// @ts-check
// Lives outside test/ because `node --test <dir>` runs every .js file under a test/ folder.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CRUZ_BIN = fileURLToPath(new URL('../bin/cruz.js', import.meta.url));
/** The repository's app (it has the wrangler.toml), where cruz is meant to run. */
export const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs `node bin/cruz.js ...args` and collects its output.
 *
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string> }} [options] env entries are added to a
 *   copy of process.env without CRUZ_STATE_DIR, so the caller's shell cannot change results
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function runCruz(args, { cwd = APP_ROOT, env = {} } = {}) {
  const childEnv = { ...process.env, ...env };
  if (!('CRUZ_STATE_DIR' in env)) delete childEnv.CRUZ_STATE_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CRUZ_BIN, ...args], { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
