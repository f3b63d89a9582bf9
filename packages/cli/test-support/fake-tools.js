// @ts-check
// Fake `wrangler` and `react-router` executables for the cruz deploy tests. They are put first on
// PATH in a temporary app root without node_modules, so cruz's tool lookup finds them there.
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * One script serves as both tools (it looks at its own file name). It appends each call to
 * FAKE_TOOLS_LOG as a JSON line, keeps the account's queues and whether migrations ran in
 * FAKE_TOOLS_STATE, and fails the call whose "tool args..." starts with FAKE_TOOLS_FAIL, printing
 * FAKE_TOOLS_FAIL_MESSAGE the way wrangler prints errors.
 */
const FAKE_TOOL = String.raw`
'use strict';
const { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const command = [tool, ...args].join(' ');
const cwd = process.cwd();
const entry = { tool, args, metrics: process.env.WRANGLER_SEND_METRICS ?? null };
if (tool === 'react-router') entry.wranglerToml = readFileSync(path.join(cwd, 'wrangler.toml'), 'utf8');
appendFileSync(process.env.FAKE_TOOLS_LOG, JSON.stringify(entry) + '\n');

const banner = '\n ⛅️ wrangler 4.86.0\n───────────────────\n';
function fail(message) {
  process.stdout.write(tool === 'wrangler' ? banner : '');
  process.stderr.write('▲ [WARNING] a warning that is not the reason\n\n');
  process.stderr.write('\x1b[31m✘ \x1b[41;31m[\x1b[41;97mERROR\x1b[41;31m]\x1b[0m \x1b[1m' + message + '\x1b[0m\n\n');
  process.stderr.write('🪵  Logs were written to "/tmp/wrangler.log"\n');
  process.exit(1);
}
const failing = process.env.FAKE_TOOLS_FAIL;
if (failing && command.startsWith(failing)) fail(process.env.FAKE_TOOLS_FAIL_MESSAGE ?? 'fake failure');

const stateFile = process.env.FAKE_TOOLS_STATE;
const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : { queues: [], migrated: false };
const save = () => writeFileSync(stateFile, JSON.stringify(state));

if (command === 'react-router build') {
  // What @cloudflare/vite-plugin writes: the deploy config, the redirect to it, .dev.vars beside it.
  mkdirSync(path.join(cwd, 'build/server'), { recursive: true });
  mkdirSync(path.join(cwd, '.wrangler/deploy'), { recursive: true });
  writeFileSync(path.join(cwd, 'build/server/wrangler.json'), JSON.stringify({ name: 'my-todos', main: 'index.js' }));
  writeFileSync(path.join(cwd, '.wrangler/deploy/config.json'), JSON.stringify({ configPath: '../../build/server/wrangler.json' }));
  if (existsSync(path.join(cwd, '.dev.vars'))) copyFileSync(path.join(cwd, '.dev.vars'), path.join(cwd, 'build/server/.dev.vars'));
  console.log('vite v7.3.8 building ssr environment for production...\n✓ built in 1.00s');
} else if (command === 'wrangler queues list') {
  // The table wrangler 4.86 prints (logger.table, cli-table3).
  const rows = state.queues.map((name, i) => ['0a1b2c3d4e5f' + i, name, '2026-04-20T10:00:00.000Z', '2026-04-20T10:00:00.000Z', '1', '0']);
  const head = ['id', 'name', 'created_on', 'modified_on', 'producers', 'consumers'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const row = (cells) => '│' + cells.map((cell, c) => ' ' + cell.padEnd(widths[c]) + ' ').join('│') + '│';
  process.stdout.write(banner);
  console.log([line('┌', '┬', '┐'), row(head), ...rows.flatMap((r) => [line('├', '┼', '┤'), row(r)]), line('└', '┴', '┘')].join('\n'));
} else if (tool === 'wrangler' && args[0] === 'queues' && args[1] === 'create' && args.length === 3) {
  if (state.queues.includes(args[2])) fail('A request to the Cloudflare API (/accounts/x/queues) failed.\n  Queue name already taken [code: 11009]');
  state.queues.push(args[2]);
  save();
  process.stdout.write(banner);
  console.log("🌀 Creating queue '" + args[2] + "'\n✅ Created queue '" + args[2] + "'");
} else if (command === 'wrangler d1 migrations apply DB --remote') {
  process.stdout.write(banner);
  if (state.migrated) {
    console.log('✅ No migrations to apply!');
  } else {
    state.migrated = true;
    save();
    console.log('Migrations to be applied:\n┌──────────────┐\n│ name         │\n├──────────────┤\n│ 0000_init.sql │\n├──────────────┤\n│ 0001_more.sql │\n└──────────────┘');
    console.log('🌀 Executing on remote database my-todos:\n│ 0000_init.sql │ ✅ │\n│ 0001_more.sql │ ✅ │');
  }
} else if (tool === 'wrangler' && args[0] === 'deploy' && args[1] === '--config') {
  if (!existsSync(args[2])) fail('The specified config file does not exist: ' + args[2]);
  process.stdout.write(banner);
  console.log('Total Upload: 1277.60 KiB / gzip: 245.72 KiB\nYour Worker has access to the following bindings:\nenv.JOBS (my-todos-jobs)    Queue\nenv.DB (my-todos)    D1 Database');
  if (args.includes('--dry-run')) console.log('--dry-run: exiting now.');
  else console.log('Uploaded my-todos (3.10 sec)\nDeployed my-todos triggers (1.20 sec)\n  https://my-todos.example.workers.dev\n  schedule: * * * * *\n  Consumer for my-todos-jobs');
} else {
  process.stderr.write('fake ' + tool + ': unexpected call: ' + command + '\n');
  process.exit(2);
}
`;

/**
 * @typedef {object} FakeCall
 * @property {string} tool
 * @property {string[]} args
 * @property {string | null} metrics WRANGLER_SEND_METRICS as the tool saw it
 * @property {string} [wranglerToml] for the build: wrangler.toml as it was when the build ran
 */

/**
 * Writes the fake tools (a CommonJS script: extensionless files are CommonJS) into `dir`/bin.
 *
 * @param {string} dir a temporary folder to own (bin/, the log and the state go in it)
 * @param {{ queues?: string[], migrated?: boolean }} [state] the fake Cloudflare account at the start
 */
export async function installFakeTools(dir, state = {}) {
  const bin = path.join(dir, 'bin');
  await mkdir(bin);
  const script = `#!${process.execPath}\n${FAKE_TOOL}`;
  for (const name of ['wrangler', 'react-router']) {
    await writeFile(path.join(bin, name), script);
    await chmod(path.join(bin, name), 0o755);
  }
  const log = path.join(dir, 'calls.jsonl');
  const stateFile = path.join(dir, 'state.json');
  await writeFile(log, '');
  await writeFile(stateFile, JSON.stringify({ queues: state.queues ?? [], migrated: state.migrated ?? false }));

  return {
    /**
     * Environment for cruz: the fakes first on PATH, plus `extra` (e.g. FAKE_TOOLS_FAIL).
     *
     * @param {Record<string, string>} [extra]
     * @returns {Record<string, string>}
     */
    env(extra = {}) {
      return {
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
        FAKE_TOOLS_LOG: log,
        FAKE_TOOLS_STATE: stateFile,
        ...extra,
      };
    },
    /** Every call so far, in order. @returns {Promise<FakeCall[]>} */
    async calls() {
      const text = await readFile(log, 'utf8');
      return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    },
    /** @returns {Promise<{ queues: string[], migrated: boolean }>} */
    async state() {
      return JSON.parse(await readFile(stateFile, 'utf8'));
    },
  };
}

/**
 * A temporary folder (under the OS temp dir) whose name starts with `prefix`.
 *
 * @param {string} prefix
 */
export function tempDir(prefix) {
  return mkdtemp(path.join(tmpdir(), prefix));
}
