// @ts-check
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { localBin } from '../local-bin.js';
import { runProcess } from '../run-process.js';
import { lastLines, stripAnsi, wranglerFailureMessage } from '../wrangler-output.js';
import { queueNamesIn } from './queue-list.js';
import { DB_BINDING, PLACEHOLDER_DATABASE_ID, readDeployConfig, withConsumerSection, WranglerConfigError } from './wrangler-config.js';

/**
 * @typedef {object} DeployOptions
 * @property {string} appRoot the folder holding wrangler.toml
 * @property {boolean} dryRun build and `wrangler deploy --dry-run` only; nothing on Cloudflare changes
 * @property {NodeJS.ProcessEnv} [env] for the tools (and where PATH comes from)
 * @property {(line: string) => void} [out] progress lines
 * @property {(line: string) => void} [err] warnings and the failure
 */

/** Thrown inside runDeploy to stop at a failed step; `code` is cruz's exit code. */
class StepFailed extends Error {
  /** @param {number} code */
  constructor(code) {
    super(`step failed (${code})`);
    this.code = code;
  }
}

/**
 * `cruz deploy`, step by step. Each step prints one line with its outcome: "✔" done or already
 * so, "+" created or added, "-" skipped, "!" a warning, "✘" failed (then nothing else runs).
 *
 * 1. wrangler.toml: read the queues and the DB binding; add the jobs queue's consumer section if
 *    it is missing. First, because the build copies wrangler.toml into the deploy config.
 * 2. build: `react-router build` (vite with the Cloudflare plugin) writes build/ and
 *    .wrangler/deploy/config.json, which names the generated deploy config.
 * 3. queues: `wrangler queues list`, then `wrangler queues create` for each missing one.
 * 4. migrations: `wrangler d1 migrations apply DB --remote`.
 * 5. deploy: `wrangler deploy --config <generated config>`.
 *
 * With dryRun: 1 without writing, 2, then `wrangler deploy --dry-run`; 3 and 4 are skipped.
 *
 * @param {DeployOptions} options
 * @returns {Promise<number>} exit code
 */
export async function runDeploy({
  appRoot,
  dryRun,
  env = process.env,
  out = (line) => process.stdout.write(`${line}\n`),
  err = (line) => process.stderr.write(`${line}\n`),
}) {
  // Telemetry is a request to Cloudflare; a dry run makes none.
  const toolEnv = dryRun ? { ...env, WRANGLER_SEND_METRICS: 'false' } : env;

  /**
   * @param {'wrangler' | 'react-router'} tool
   * @param {string[]} args
   */
  const run = async (tool, args) => {
    const result = await runProcess(localBin(appRoot, tool, env), args, { cwd: appRoot, env: toolEnv, capture: true });
    // Ctrl-C: the tool has said what it had to say; stop without a step line.
    if (result.interrupted) throw new StepFailed(result.code);
    return result;
  };
  /**
   * @param {string} step
   * @param {string} message
   * @returns {never}
   */
  const fail = (step, message) => {
    err(`✘ ${step}: ${message}`);
    throw new StepFailed(1);
  };

  try {
    const config = checkWranglerToml(appRoot, dryRun, out, err, fail);

    const build = await run('react-router', ['build']);
    if (build.code !== 0) {
      const output = stripAnsi(build.stderr.trim() || build.stdout.trim());
      fail('build', lastLines(output, 30) || `react-router build exited with code ${build.code}`);
    }
    const deployConfig = builtDeployConfig(appRoot);
    if (!deployConfig) {
      fail('build', 'react-router build wrote no .wrangler/deploy/config.json naming a deploy config; is cloudflare() in vite.config.ts\'s plugins?');
    }
    out(`✔ build (${path.relative(appRoot, deployConfig)})`);
    const devVarsCopy = path.join(path.dirname(deployConfig), '.dev.vars');
    if (existsSync(devVarsCopy)) {
      err(
        `! the build copied .dev.vars to ${path.relative(appRoot, devVarsCopy)} (for vite preview; wrangler deploy ` +
          'does not upload it). Keep production secrets out of .dev.vars: set them with "wrangler secret put NAME".',
      );
    }

    if (dryRun) {
      out('- queues and remote migrations: skipped (--dry-run)');
    } else {
      await ensureQueues(config.queues, run, out, fail);

      const migrate = await run('wrangler', ['d1', 'migrations', 'apply', DB_BINDING, '--remote']);
      if (migrate.code !== 0) fail('migrations (remote)', wranglerFailureMessage(migrate, 'wrangler d1 migrations apply'));
      const applied = appliedMigrations(migrate.stdout);
      if (applied === 'none') out('✔ migrations: none to apply (remote)');
      else out(`✔ migrations applied (remote)${applied.length > 0 ? `: ${applied.join(', ')}` : ''}`);
    }

    const deploy = await run('wrangler', ['deploy', '--config', deployConfig, ...(dryRun ? ['--dry-run'] : [])]);
    if (deploy.code !== 0) {
      fail(dryRun ? 'wrangler deploy --dry-run' : 'deploy', wranglerFailureMessage(deploy, 'wrangler deploy'));
    }
    out(dryRun ? '✔ dry run: bundle built and checked, nothing deployed' : '✔ deployed');
    const details = deployDetails(deploy.stdout);
    if (details) out(details);
    return 0;
  } catch (error) {
    if (error instanceof StepFailed) return error.code;
    throw error;
  }
}

/**
 * Step 1. Returns what later steps need; adds the consumer section when it is missing (not on a
 * dry run), leaving the file byte for byte as it was when it is present.
 *
 * @param {string} appRoot
 * @param {boolean} dryRun
 * @param {(line: string) => void} out
 * @param {(line: string) => void} err
 * @param {(step: string, message: string) => never} fail
 */
function checkWranglerToml(appRoot, dryRun, out, err, fail) {
  const file = path.join(appRoot, 'wrangler.toml');
  const text = readFileSync(file, 'utf8');
  /** @type {import('./wrangler-config.js').DeployConfig} */
  let config;
  try {
    config = readDeployConfig(text);
  } catch (error) {
    if (error instanceof WranglerConfigError) fail('wrangler.toml', error.message);
    throw error;
  }

  if (!config.database) {
    fail('wrangler.toml', `no [[d1_databases]] entry with binding = "${DB_BINDING}"`);
  }
  if (config.database.databaseId === PLACEHOLDER_DATABASE_ID || !config.database.databaseId) {
    const create = `create the database with "wrangler d1 create ${config.database.databaseName ?? 'NAME'}" and put its database_id in wrangler.toml`;
    if (!dryRun) fail('wrangler.toml', `the DB database has no real database_id yet: ${create}`);
    err(`! wrangler.toml: the DB database has no real database_id yet; before cruz deploy, ${create}`);
  }

  if (config.emailProvider === undefined || config.emailProvider === 'console') {
    err('! wrangler.toml: EMAIL_PROVIDER is "console": the deployed app prints emails instead of sending them (set resend, postmark or sendgrid, and `wrangler secret put EMAIL_API_KEY`)');
  }

  const { jobsQueue, deadLetterQueue } = config;
  if (jobsQueue === undefined) {
    out('- wrangler.toml has no JOBS queue: no consumer section needed (jobs run in-process)');
  } else if (config.hasJobsConsumer) {
    out(`✔ wrangler.toml consumer section present (${jobsQueue})`);
    if (!deadLetterQueue) {
      err(`! the consumer of ${jobsQueue} has no dead_letter_queue: a message that exhausts max_retries is dropped (its Job row stays)`);
    }
  } else if (dryRun) {
    err(`! wrangler.toml has no consumer section for ${jobsQueue}; cruz deploy will add one (--dry-run: not written)`);
  } else {
    const patched = withConsumerSection(text, jobsQueue, /** @type {string} */ (deadLetterQueue));
    const check = readDeployConfig(patched);
    if (!check.hasJobsConsumer) fail('wrangler.toml', 'the consumer section cruz would add does not read back; add it by hand');
    writeFileSync(file, patched);
    out(`+ added consumer section to wrangler.toml (${jobsQueue}, dead_letter_queue = "${deadLetterQueue}")`);
  }
  return config;
}

/**
 * Step 3: every queue wrangler.toml names must exist before the worker that uses it is deployed.
 * `wrangler queues list` shows the account's first page of queues; a queue beyond it would be
 * reported missing and its creation fail with Cloudflare's message.
 *
 * @param {string[]} queues
 * @param {(tool: 'wrangler', args: string[]) => Promise<import('../run-process.js').RunResult>} run
 * @param {(line: string) => void} out
 * @param {(step: string, message: string) => never} fail
 */
async function ensureQueues(queues, run, out, fail) {
  if (queues.length === 0) return;
  const list = await run('wrangler', ['queues', 'list']);
  if (list.code !== 0) fail('queues list', wranglerFailureMessage(list, 'wrangler queues list'));
  const existing = queueNamesIn(list.stdout);
  for (const queue of queues) {
    if (existing.has(queue)) {
      out(`✔ queue ${queue} exists`);
      continue;
    }
    const create = await run('wrangler', ['queues', 'create', queue]);
    if (create.code !== 0) fail(`create queue ${queue}`, wranglerFailureMessage(create, 'wrangler queues create'));
    out(`+ created queue ${queue}`);
  }
}

/**
 * The deploy config the build generated, from the redirect file @cloudflare/vite-plugin writes
 * (.wrangler/deploy/config.json: { "configPath": "../../build/server/wrangler.json" }).
 *
 * @param {string} appRoot
 * @returns {string | undefined}
 */
export function builtDeployConfig(appRoot) {
  const redirectDir = path.join(appRoot, '.wrangler', 'deploy');
  try {
    const { configPath } = JSON.parse(readFileSync(path.join(redirectDir, 'config.json'), 'utf8'));
    if (typeof configPath !== 'string') return undefined;
    const file = path.resolve(redirectDir, configPath);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The migrations `wrangler d1 migrations apply` ran: 'none' when it said there were none, else
 * the .sql names in its output (empty when it printed none, which is not expected).
 *
 * @param {string} stdout
 * @returns {'none' | string[]}
 */
export function appliedMigrations(stdout) {
  if (/No migrations to apply/.test(stdout)) return 'none';
  return [...new Set(stripAnsi(stdout).match(/[\w.-]+\.sql\b/g) ?? [])];
}

/**
 * wrangler deploy's report (sizes, bindings, URL), indented, without its banner and telemetry note.
 *
 * @param {string} stdout
 */
function deployDetails(stdout) {
  return stripAnsi(stdout)
    .split('\n')
    .filter((line) => !/^\s*⛅️ wrangler|^─+$|collects anonymous telemetry/.test(line))
    .join('\n')
    .trim()
    .split('\n')
    .filter((line, i, lines) => line.trim() || lines[i - 1]?.trim())
    .map((line) => (line.trim() ? `  ${line}` : ''))
    .join('\n');
}
