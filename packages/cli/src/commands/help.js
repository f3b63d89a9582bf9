// @ts-check
import { UsageError } from '../cli-error.js';
import { commands, findCommand, groups } from '../command-registry.js';
import { commandHelp, commandSection } from '../help-text.js';

/**
 * `cruz help [command...]`: the overview, a group's help (`cruz help db`) or one command's.
 *
 * @param {string[]} words
 * @returns {string}
 */
export function helpFor(words) {
  if (words.length === 0) return overviewHelp();
  const found = findCommand(words);
  if (found && found.rest.length === 0) return commandHelp(found.command);
  if (words.length === 1 && Object.hasOwn(groups, words[0])) return groupHelp(words[0]);
  throw new UsageError(`no help for unknown command "${words.join(' ')}"`);
}

export function overviewHelp() {
  return [
    'cruz: develop a CruzJS app on Cloudflare Workers locally, and deploy it.',
    '',
    'Usage: cruz <command> [options]',
    '',
    'Commands:',
    commands.map(commandSection).join('\n\n'),
    '',
    'Other:',
    '  cruz help [command]   Show help for a command (same as cruz <command> --help)',
    '  cruz -h, --help       Show this help',
    '  cruz -v, --version    Print the cruz version',
    '',
    'cruz runs in the nearest folder, from here upwards, that has a wrangler.toml, using the',
    'wrangler, vite, react-router and drizzle-kit installed in its node_modules/.bin (a tool missing',
    'there is taken from PATH).',
    '',
  ].join('\n');
}

/** @param {string} group */
export function groupHelp(group) {
  const members = commands.filter((command) => command.name.startsWith(`${group} `));
  return [
    `Usage: cruz ${group} <command> [options]`,
    '',
    groups[group],
    '',
    'Commands:',
    members.map(commandSection).join('\n\n'),
    '',
    `Run "cruz ${group} <command> --help" for details.`,
    '',
  ].join('\n');
}
