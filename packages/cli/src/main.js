// @ts-check
import { parseArgs } from './args.js';
import { CliError, UsageError } from './cli-error.js';
import { findCommand, groups } from './command-registry.js';
import { commandHelp } from './help-text.js';
import { groupHelp, helpFor, overviewHelp } from './commands/help.js';
import { cliVersion } from './version.js';

/**
 * Runs cruz with the arguments after "cruz" and returns the exit code.
 *
 * @param {string[]} argv
 * @returns {Promise<number>}
 */
export async function main(argv) {
  // Which command a usage error belongs to, for the message prefix and the --help hint.
  let context = 'cruz';
  try {
    const [first] = argv;
    if (first === undefined) {
      process.stderr.write(overviewHelp());
      return 2;
    }
    if (first === '--help' || first === '-h') return print(overviewHelp());
    if (first === 'help') return print(helpFor(argv.slice(1)));
    if (first === '--version' || first === '-v') return print(`${cliVersion()}\n`);

    const found = findCommand(argv);
    if (!found) {
      if (Object.hasOwn(groups, first)) {
        context = `cruz ${first}`;
        const sub = argv[1];
        if (sub === '--help' || sub === '-h') return print(groupHelp(first));
        if (sub === undefined) {
          process.stderr.write(groupHelp(first));
          return 2;
        }
        throw new UsageError(sub.startsWith('-') ? `unknown option ${sub}` : `unknown command "${sub}"`);
      }
      throw new UsageError(first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`);
    }

    const { command, rest } = found;
    context = `cruz ${command.name}`;
    const args = parseArgs(rest, command.options);
    if (args.help) return print(commandHelp(command));
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${context}: ${error.message}\nRun "${context} --help" for usage.\n`);
      return error.exitCode;
    }
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** @param {string} text */
function print(text) {
  process.stdout.write(text);
  return 0;
}
