// Starts a real `cruz dev` on a free port with a temporary state folder, and records its terminal.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cruzBin = path.join(repoRoot, 'packages/cli/bin/cruz.js');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs `cruz ...` to completion in the repo, returning its exit code and output. */
export function runCruz(args, env = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [cruzBin, ...args], { cwd: repoRoot, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

export async function startDevServer() {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'cruz-e2e-'));
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [cruzBin, 'dev', '--port', String(port), '--persist-to', stateDir], {
    cwd: repoRoot,
    env: { ...process.env, FORCE_COLOR: '0' },
    detached: true, // its own process group, so stopping it stops vite and workerd too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const url = `http://localhost:${port}`;
  const server = {
    url,
    stateDir,
    output: () => output,
    /** Waits (bounded) until the terminal shows `text`. */
    async waitForOutput(text, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (Date.now() > deadline) throw new Error(`cruz dev never printed ${JSON.stringify(text)}. Output:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 10_000);
      await exited;
      clearTimeout(timer);
      await rm(stateDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cruz dev exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/auth/register`);
      if (response.status === 200) break;
    } catch {}
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`cruz dev did not serve /auth/register within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return server;
}
