// @ts-check
import { UsageError } from '../cli-error.js';
import { runDeploy } from '../deploy/deploy-steps.js';
import { findAppRoot } from '../project-root.js';

/** @type {import('../help-text.js').Command} */
export const deploy = {
  name: 'deploy',
  usage: 'cruz deploy [--dry-run]',
  summary: 'Build and deploy the app to Cloudflare: queues, consumer section, remote migrations, wrangler deploy.',
  details: [
    'Steps, each printed with its outcome; the first failure stops the rest (exit code 1):',
    '  1. wrangler.toml: adds a [[queues.consumers]] section for the JOBS queue if it has none',
    '     (dead_letter_queue "<queue>-dlq"); a file that has one is left as it is.',
    '  2. build: react-router build (build/, and the deploy config it generates).',
    '  3. queues: wrangler queues list; wrangler queues create for each queue wrangler.toml',
    '     names that does not exist yet (the jobs queue and its dead-letter queue).',
    '  4. migrations: wrangler d1 migrations apply DB --remote.',
    '  5. deploy: wrangler deploy --config <the generated deploy config>.',
    'Needs "wrangler login" (or CLOUDFLARE_API_TOKEN) and the real database_id of the DB',
    'database in wrangler.toml ("wrangler d1 create <name>" prints it).',
    'wrangler and react-router come from the app\'s node_modules/.bin, else from PATH.',
  ].join('\n'),
  options: {
    'dry-run': {
      type: 'boolean',
      description:
        'Only build and run wrangler deploy --dry-run (bundle size, bindings): no queues,\n' +
        'no migrations, no change to wrangler.toml, nothing sent to Cloudflare',
    },
  },

  async run({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return runDeploy({ appRoot: findAppRoot(), dryRun: values['dry-run'] === true });
  },
};
