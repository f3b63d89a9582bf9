// @ts-check

/**
 * @typedef {import('./args.js').OptionSpec} OptionSpec
 * @typedef {import('./args.js').ParsedArgs} ParsedArgs
 */

/**
 * @typedef {object} Command
 * @property {string} name words after "cruz", e.g. "db query"
 * @property {string} usage
 * @property {string} summary one line for command lists
 * @property {string} [details] more text for the command's own help
 * @property {Record<string, OptionSpec>} options
 * @property {(args: ParsedArgs) => Promise<number>} run returns the exit code
 */

/** @type {OptionSpec} */
const HELP_OPTION = { type: 'boolean', description: 'Show this help' };

/**
 * Help for one command: usage, what it does, every option.
 *
 * @param {Command} command
 * @returns {string}
 */
export function commandHelp(command) {
  const parts = [`Usage: ${command.usage}`, '', command.summary];
  if (command.details) parts.push('', command.details);
  parts.push('', 'Options:', optionLines({ ...command.options, help: HELP_OPTION }));
  return parts.join('\n') + '\n';
}

/**
 * A compact section for lists of several commands (cruz --help, cruz db --help).
 *
 * @param {Command} command
 * @returns {string}
 */
export function commandSection(command) {
  const lines = [`  ${command.usage}`, `      ${command.summary}`];
  if (Object.keys(command.options).length > 0) lines.push(indent(optionLines(command.options), '    '));
  return lines.join('\n');
}

/**
 * @param {Record<string, OptionSpec>} options
 * @returns {string}
 */
function optionLines(options) {
  const labels = Object.entries(options).map(([name, spec]) => {
    const flag = name === 'help' ? '-h, --help' : `--${name}`;
    return spec.type === 'boolean' ? flag : `${flag} ${spec.value ?? 'VALUE'}`;
  });
  const width = Math.max(...labels.map((label) => label.length));
  return Object.values(options)
    .map((spec, i) => {
      const [first, ...rest] = spec.description.split('\n');
      const pad = ' '.repeat(width + 4);
      return [`  ${labels[i].padEnd(width)}  ${first}`, ...rest.map((line) => `${pad}${line}`)].join('\n');
    })
    .join('\n');
}

/**
 * @param {string} text
 * @param {string} prefix
 */
function indent(text, prefix) {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
