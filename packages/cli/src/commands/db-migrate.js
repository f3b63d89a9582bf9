// @ts-check
import { UsageError } from '../cli-error.js';
import { localBin } from '../local-bin.js';
import { persistArgs, resolvePersistDir } from '../persist-dir.js';
import { findAppRoot } from '../project-root.js';
import { runProcess } from '../run-process.js';

/** @type {import('../help-text.js').Command} */
export const dbMigrate = {
  name: 'db migrate',
  usage: 'cruz db migrate [--remote] [--persist-to DIR]',
  summary: 'Apply pending D1 migrations (wrangler d1 migrations apply DB), locally by default.',
  options: {
    remote: { type: 'boolean', description: 'Apply them to the Cloudflare D1 database instead of the local one' },
    'persist-to': {
      type: 'string',
      value: 'DIR',
      description: 'Folder holding the local state (default: env CRUZ_STATE_DIR, else .wrangler/state)',
    },
  },

  async run({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.remote && values['persist-to'] !== undefined) {
      throw new UsageError('--persist-to is for the local database and cannot be used with --remote');
    }

    const appRoot = findAppRoot();
    const target = values.remote ? ['--remote'] : ['--local', ...persistArgs(resolvePersistDir(values['persist-to']))];
    const run = await runProcess(localBin(appRoot, 'wrangler'), ['d1', 'migrations', 'apply', 'DB', ...target], {
      cwd: appRoot,
    });
    return run.code;
  },
};
