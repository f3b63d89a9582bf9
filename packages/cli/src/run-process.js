// @ts-check
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { CliError } from './cli-error.js';

/** Signals cruz passes on to its child, so stopping cruz stops the tool it runs. */
const FORWARDED_SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * @typedef {object} RunOptions
 * @property {string} cwd
 * @property {NodeJS.ProcessEnv} [env]
 * @property {boolean} [capture] collect stdout/stderr instead of sharing the terminal
 * @property {'inherit' | 'ignore'} [stdin] 'ignore' makes the tool non-interactive (no prompts)
 */

/**
 * @typedef {object} RunResult
 * @property {number} code exit code; 128 + signal number when the child was killed by a signal
 * @property {string} stdout captured output ('' unless capture)
 * @property {string} stderr
 * @property {boolean} interrupted cruz itself received a stop signal while the child ran
 */

/**
 * Runs a program with an argument array, never through a shell, so user input such as SQL
 * reaches the tool verbatim. While it runs, SIGINT/SIGTERM/SIGHUP sent to cruz are forwarded
 * and cruz waits for the child to exit instead of dying first and orphaning it.
 *
 * @param {string} file
 * @param {string[]} args
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
export function runProcess(file, args, { cwd, env = process.env, capture = false, stdin = 'inherit' }) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      env,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : [stdin, 'inherit', 'inherit'],
    });

    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));

    let interrupted = false;
    /** @param {NodeJS.Signals} signal */
    const forward = (signal) => {
      interrupted = true;
      child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const stopForwarding = () => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };

    child.on('error', (error) => {
      stopForwarding();
      reject(new CliError(`cruz: could not start ${file}: ${error.message}`));
    });
    // 'close' rather than 'exit': it fires after the captured streams are fully read.
    child.on('close', (code, signal) => {
      stopForwarding();
      const exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1);
      resolve({ code: exitCode, stdout, stderr, interrupted });
    });
  });
}
