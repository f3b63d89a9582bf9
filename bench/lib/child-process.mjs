import { spawn } from 'node:child_process';
import { onTeardown } from './teardown.mjs';

/**
 * Runs a command to completion, output captured; killed (its whole process group) if the benchmark
 * stops first or it runs past `timeoutMs`.
 */
export function runCommand(command, args, { cwd, env, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const kill = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    };
    const forget = onTeardown(kill);
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`${command} ${args.join(' ')} ran longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      forget();
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      forget();
      resolve({ code, stdout, stderr });
    });
  });
}
