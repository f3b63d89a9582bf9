// @ts-check
import { UsageError } from './cli-error.js';

/**
 * @typedef {object} OptionSpec
 * @property {'boolean' | 'string' | 'port' | 'seconds'} type
 * @property {string} description
 * @property {string} [value] placeholder shown in help, e.g. "DIR"
 */

/**
 * @typedef {object} ParsedArgs
 * @property {boolean} help
 * @property {Record<string, string | number | boolean>} values
 * @property {string[]} positionals
 */

/**
 * Parses `--name value`, `--name=value`, boolean `--flag`, and `--` (everything after it is
 * positional, for values that look like options). `--help`/`-h` anywhere before `--`
 * wins over any other error, so a half-typed command can always ask for help.
 *
 * @param {string[]} argv
 * @param {Record<string, OptionSpec>} options
 * @returns {ParsedArgs}
 */
export function parseArgs(argv, options) {
  const endOfOptions = argv.indexOf('--');
  const optionPart = endOfOptions === -1 ? argv : argv.slice(0, endOfOptions);
  if (optionPart.includes('--help') || optionPart.includes('-h')) {
    return { help: true, values: {}, positionals: [] };
  }

  /** @type {Record<string, string | number | boolean>} */
  const values = {};
  /** @type {string[]} */
  const positionals = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    // Option names never contain whitespace, so "-- note\nSELECT 1" is SQL, not an option.
    if (!arg.startsWith('-') || arg === '-' || /\s/.test(arg.split('=')[0])) {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);

    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const spec = Object.hasOwn(options, name) ? options[name] : undefined;
    if (!spec) throw new UsageError(`unknown option --${name}`);

    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      values[name] = true;
      continue;
    }

    let raw;
    if (eq !== -1) {
      raw = arg.slice(eq + 1);
    } else {
      raw = argv[i + 1];
      // "--persist-to --json" is almost certainly a forgotten value, not a folder named "--json".
      if (raw === undefined || raw.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    if (raw === '') throw new UsageError(`--${name} needs a value`);
    values[name] = spec.type === 'port' ? parsePort(name, raw) : spec.type === 'seconds' ? parseSeconds(name, raw) : raw;
  }

  return { help: false, values, positionals };
}

/**
 * @param {string} name
 * @param {string} raw
 */
function parsePort(name, raw) {
  // Number() alone would accept "1e3", "0x50" and " 80".
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number from 1 to 65535, got "${raw}"`);
  const port = Number(raw);
  if (port < 1 || port > 65535) throw new UsageError(`--${name} must be from 1 to 65535, got ${raw}`);
  return port;
}

/** Longest accepted interval: an hour is plenty for anything cruz repeats. */
const MAX_SECONDS = 3600;

/**
 * @param {string} name
 * @param {string} raw
 */
function parseSeconds(name, raw) {
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number of seconds from 0 to ${MAX_SECONDS}, got "${raw}"`);
  const seconds = Number(raw);
  if (seconds > MAX_SECONDS) throw new UsageError(`--${name} must be from 0 to ${MAX_SECONDS}, got ${raw}`);
  return seconds;
}
