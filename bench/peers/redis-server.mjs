import { spawn } from 'node:child_process';
import net from 'node:net';
import { runCommand } from '../lib/child-process.mjs';
import { onTeardown } from '../lib/teardown.mjs';
import { waitFor } from '../lib/wait-for.mjs';
import { ensureDebianBinary, firstExisting } from './debian-packages.mjs';
import { freePort } from './free-port.mjs';

/**
 * A throwaway Redis on 127.0.0.1 (a free port), in memory only (`--save '' --appendonly no`),
 * stopped with SIGTERM at teardown.
 */
export async function startRedis({ install }) {
  const found = await ensureDebianBinary({ find: () => firstExisting(['/usr/bin/redis-server', '/usr/local/bin/redis-server']), packageName: 'redis-server', install });
  if (found.skipped) return found;
  const port = await freePort();
  const child = spawn(found.path, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'], {
    stdio: 'ignore',
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  const forget = onTeardown(stop);
  try {
    await waitFor(() => !exited && canConnect(port), { everyMs: 100, timeoutMs: 10_000, what: 'redis-server to accept connections' });
  } catch (error) {
    forget();
    await stop();
    return { skipped: `redis-server did not start: ${error.message}` };
  }
  const version = (await runCommand(found.path, ['--version'])).stdout.trim();
  return {
    version,
    installed: found.installed ?? false,
    port,
    async stop() {
      forget();
      await stop();
    },
  };
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
