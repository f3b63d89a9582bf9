// @ts-check
import { UsageError } from '../cli-error.js';
import { localBin } from '../local-bin.js';
import { findAppRoot } from '../project-root.js';
import { runProcess } from '../run-process.js';

/** @type {import('../help-text.js').Command} */
export const dbGenerate = {
  name: 'db generate',
  usage: 'cruz db generate [--name NAME]',
  summary: 'Write a SQL migration for schema changes (drizzle-kit generate, per drizzle.config.ts).',
  options: {
    name: { type: 'string', value: 'NAME', description: 'Name for the migration file (default: a generated one)' },
  },

  async run({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);

    const appRoot = findAppRoot();
    const name = typeof values.name === 'string' ? ['--name', values.name] : [];
    const run = await runProcess(localBin(appRoot, 'drizzle-kit'), ['generate', ...name], { cwd: appRoot });
    return run.code;
  },
};
