// @ts-check
import { CliError, UsageError } from '../cli-error.js';
import { findAppRoot } from '../project-root.js';
import { localBin } from '../local-bin.js';
import { persistArgs, resolvePersistDir } from '../persist-dir.js';
import { runProcess } from '../run-process.js';
import { isPortInUse } from '../port-in-use.js';
import { SCHEDULED_PATH, startSweeperTicker } from '../sweeper-ticker.js';

const DEFAULT_PORT = 5173;
const DEFAULT_SWEEP_SECONDS = 5;

/** @type {import('../help-text.js').Command} */
export const dev = {
  name: 'dev',
  usage: 'cruz dev [--port N] [--host H] [--persist-to DIR] [--sweep-every SECONDS]',
  summary: 'Apply local D1 migrations, then run the app with vite (jobs run in-process).',
  details:
    'Stops with the migrations\' exit code if they fail. Ctrl-C stops the dev server.\n' +
    'The worker\'s console output appears in this terminal.\n' +
    `Once the server answers, cruz requests ${SCHEDULED_PATH} every --sweep-every seconds:\n` +
    'that runs the worker\'s scheduled() handler, the job sweeper, so failed jobs are retried on\n' +
    'schedule (10 s, 60 s, 5 min) as the every-minute cron does in production. It prints nothing\n' +
    'unless a tick fails (one warning until ticks work again).',
  options: {
    port: { type: 'port', value: 'N', description: `Port for the dev server (default ${DEFAULT_PORT}; fails if it is taken)` },
    host: { type: 'string', value: 'H', description: 'Address to listen on, e.g. 0.0.0.0 for the local network (default localhost)' },
    'persist-to': {
      type: 'string',
      value: 'DIR',
      description: 'Folder for local D1 and queue state (default: env CRUZ_STATE_DIR, else .wrangler/state)',
    },
    'sweep-every': {
      type: 'seconds',
      value: 'SECONDS',
      description: `Run the job sweeper every SECONDS (default ${DEFAULT_SWEEP_SECONDS}; 0 turns the ticks off)`,
    },
  },

  async run({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = typeof values.port === 'number' ? values.port : DEFAULT_PORT;
    const host = typeof values.host === 'string' ? values.host : undefined;
    const sweepSeconds = typeof values['sweep-every'] === 'number' ? values['sweep-every'] : DEFAULT_SWEEP_SECONDS;
    const stateDir = resolvePersistDir(values['persist-to']);
    const appRoot = findAppRoot();
    const wrangler = localBin(appRoot, 'wrangler');
    const vite = localBin(appRoot, 'vite');
    if (await isPortInUse(port, host)) {
      throw new CliError(`cruz dev: port ${port} is already in use (another cruz dev?). Stop it, or pick another port: cruz dev --port ${port + 1}`);
    }

    // stdin is not passed on, so wrangler takes its non-interactive default ("yes") instead of
    // asking for confirmation before each new migration.
    const migrate = await runProcess(
      wrangler,
      ['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs(stateDir)],
      { cwd: appRoot, stdin: 'ignore' },
    );
    if (migrate.interrupted) return migrate.code;
    if (migrate.code !== 0) {
      process.stderr.write(`cruz dev: applying local D1 migrations failed (exit code ${migrate.code}); dev server not started\n`);
      return migrate.code;
    }

    const shownHost = host && host !== '0.0.0.0' && host !== '::' ? host : 'localhost';
    const sweeper = sweepSeconds > 0 ? `job sweeper every ${sweepSeconds} s` : 'job sweeper ticks off';
    process.stdout.write(`cruz dev: http://${shownHost}:${port} (jobs run in-process; ${sweeper})\n`);

    // vite.config.ts reads CRUZ_STATE_DIR, so vite and wrangler share one state folder.
    const env = stateDir ? { ...process.env, CRUZ_STATE_DIR: stateDir } : process.env;
    const server = runProcess(
      vite,
      ['dev', '--port', String(port), '--strictPort', ...(host ? ['--host', host] : [])],
      { cwd: appRoot, env },
    );
    const ticker =
      sweepSeconds > 0 ? startSweeperTicker({ origin: localOrigin(host, port), intervalMs: sweepSeconds * 1000 }) : undefined;
    // Stop ticking as soon as a stop is requested, so the server's shutdown is not reported as a failed tick.
    const stopTicker = () => ticker?.stop();
    for (const signal of STOP_SIGNALS) process.on(signal, stopTicker);
    try {
      return (await server).code;
    } finally {
      stopTicker();
      for (const signal of STOP_SIGNALS) process.off(signal, stopTicker);
    }
  },
};

const STOP_SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * Where cruz itself reaches the dev server: a wildcard listen address is reached on loopback.
 *
 * @param {string | undefined} host
 * @param {number} port
 */
export function localOrigin(host, port) {
  if (!host || host === '0.0.0.0') return `http://${host ? '127.0.0.1' : 'localhost'}:${port}`;
  if (host === '::') return `http://[::1]:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
