// @ts-check
import { UsageError } from '../cli-error.js';
import { findAppRoot } from '../project-root.js';
import { localBin } from '../local-bin.js';
import { persistArgs, resolvePersistDir } from '../persist-dir.js';
import { runProcess } from '../run-process.js';

const DEFAULT_PORT = 5173;

/** @type {import('../help-text.js').Command} */
export const dev = {
  name: 'dev',
  usage: 'cruz dev [--port N] [--host H] [--persist-to DIR]',
  summary: 'Apply local D1 migrations, then run the app with vite (jobs run in-process).',
  details:
    'Stops with the migrations\' exit code if they fail. Ctrl-C stops the dev server.\n' +
    'The worker\'s console output appears in this terminal.',
  options: {
    port: { type: 'port', value: 'N', description: `Port for the dev server (default ${DEFAULT_PORT}; fails if it is taken)` },
    host: { type: 'string', value: 'H', description: 'Address to listen on, e.g. 0.0.0.0 for the local network (default localhost)' },
    'persist-to': {
      type: 'string',
      value: 'DIR',
      description: 'Folder for local D1 and queue state (default: env CRUZ_STATE_DIR, else .wrangler/state)',
    },
  },

  async run({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = typeof values.port === 'number' ? values.port : DEFAULT_PORT;
    const host = typeof values.host === 'string' ? values.host : undefined;
    const stateDir = resolvePersistDir(values['persist-to']);
    const appRoot = findAppRoot();
    const wrangler = localBin(appRoot, 'wrangler');
    const vite = localBin(appRoot, 'vite');

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
    process.stdout.write(`cruz dev: http://${shownHost}:${port} (jobs run in-process)\n`);

    // vite.config.ts reads CRUZ_STATE_DIR, so vite and wrangler share one state folder.
    const env = stateDir ? { ...process.env, CRUZ_STATE_DIR: stateDir } : process.env;
    const server = await runProcess(
      vite,
      ['dev', '--port', String(port), '--strictPort', ...(host ? ['--host', host] : [])],
      { cwd: appRoot, env },
    );
    return server.code;
  },
};
