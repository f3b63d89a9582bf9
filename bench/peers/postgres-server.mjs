import fs from 'node:fs';
import path from 'node:path';
import { runCommand } from '../lib/child-process.mjs';
import { makeTempDir, onTeardown } from '../lib/teardown.mjs';
import { ensureDebianBinary } from './debian-packages.mjs';
import { freePort } from './free-port.mjs';

/** The newest PostgreSQL server Debian installed (/usr/lib/postgresql/<major>/bin). */
function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const majors = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = path.join(root, major, 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((tool) => fs.existsSync(path.join(bin, tool)))) return bin;
  }
  return null;
}

/**
 * A throwaway PostgreSQL on 127.0.0.1 (a free port): initdb into a temporary folder (as the
 * `postgres` user when we are root: the server refuses to run as root), pg_ctl start, and pg_ctl
 * stop -m fast at teardown. Server settings are initdb's defaults (fsync and synchronous_commit on).
 */
export async function startPostgres({ install }) {
  const found = await ensureDebianBinary({ find: findPostgresBin, packageName: 'postgresql', install });
  if (found.skipped) return found;
  const bin = found.path;
  const dir = makeTempDir('postgres');
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) fs.chownSync(dir, uid('postgres'), gid('postgres'));
  const as = (tool, args) => (asRoot ? runCommand('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : runCommand(path.join(bin, tool), args));

  const init = await as('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  if (init.code !== 0) return { skipped: `initdb failed: ${init.stderr.trim().split('\n').pop()}` };
  const port = await freePort();
  const start = await as('pg_ctl', ['start', '-D', dataDir, '-w', '-t', '60', '-l', path.join(dir, 'server.log'), '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`]);
  if (start.code !== 0) return { skipped: `pg_ctl start failed: ${start.stderr.trim() || fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-500)}` };
  const stop = () => as('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']);
  const forget = onTeardown(stop);
  const version = (await runCommand(path.join(bin, 'postgres'), ['--version'])).stdout.trim();
  return {
    version,
    installed: found.installed ?? false,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      forget();
      await stop();
    },
  };
}

function uid(user) {
  return Number(fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`)).split(':')[2]);
}

function gid(user) {
  return Number(fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`)).split(':')[3]);
}
