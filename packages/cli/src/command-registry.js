// @ts-check
import { dbGenerate } from './commands/db-generate.js';
import { dbMigrate } from './commands/db-migrate.js';
import { dbQuery } from './commands/db-query.js';
import { deploy } from './commands/deploy.js';
import { dev } from './commands/dev.js';

/** Every runnable command, in the order help lists them. */
export const commands = [dev, deploy, dbQuery, dbMigrate, dbGenerate];

/** First words that only group subcommands ("cruz db query"), with a line for help. */
/** @type {Record<string, string>} */
export const groups = {
  db: 'Work with the D1 database: query it, apply migrations, generate migrations.',
};

/**
 * The command named by the start of argv, and the arguments after its name.
 *
 * @param {string[]} argv
 * @returns {{ command: import('./help-text.js').Command, rest: string[] } | undefined}
 */
export function findCommand(argv) {
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}
