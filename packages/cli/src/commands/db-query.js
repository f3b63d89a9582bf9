// @ts-check
import { UsageError } from '../cli-error.js';
import { splitChangesProbe, withChangesProbe } from '../changes-probe.js';
import { formatTable } from '../format-table.js';
import { localBin } from '../local-bin.js';
import { persistArgs, resolvePersistDir } from '../persist-dir.js';
import { findAppRoot } from '../project-root.js';
import { runProcess } from '../run-process.js';
import { parseExecuteOutput } from '../wrangler-output.js';

/** @type {import('../help-text.js').Command} */
export const dbQuery = {
  name: 'db query',
  usage: 'cruz db query "SQL" [--json] [--persist-to DIR]',
  summary: 'Run SQL against the local D1 database (binding DB) and print the rows as a table.',
  details:
    'Several statements separated by ";" run as one batch; the last one\'s rows are printed.\n' +
    'Arguments after a lone "--" are never read as options.',
  options: {
    json: { type: 'boolean', description: 'Print the last statement\'s rows as a JSON array instead of a table' },
    'persist-to': {
      type: 'string',
      value: 'DIR',
      description: 'Folder holding the local state (default: env CRUZ_STATE_DIR, else .wrangler/state)',
    },
  },

  async run({ values, positionals }) {
    const sql = positionals[0];
    if (sql === undefined || sql.trim() === '') {
      throw new UsageError('missing SQL, e.g. cruz db query "SELECT * FROM Job"');
    }
    if (positionals.length > 1) {
      throw new UsageError(`expected the SQL as one argument, got ${positionals.length}; put it in quotes`);
    }

    const appRoot = findAppRoot();
    const stateDir = resolvePersistDir(values['persist-to']);
    const run = await runProcess(
      localBin(appRoot, 'wrangler'),
      ['d1', 'execute', 'DB', '--local', '--json', '--command', withChangesProbe(sql), ...persistArgs(stateDir)],
      { cwd: appRoot, capture: true },
    );
    if (run.interrupted) return run.code;

    const outcome = parseExecuteOutput(run);
    if (!outcome.ok) {
      process.stderr.write(`cruz db query: ${outcome.message}\n`);
      return 1;
    }

    const { statements, changes } = splitChangesProbe(outcome.statements);
    const last = statements[statements.length - 1];
    const rows = last?.results ?? [];

    if (values.json) {
      process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    } else if (rows.length === 0 && isWrite(sql, changes)) {
      process.stdout.write(`OK (${changes ?? '?'} ${changes === 1 ? 'row' : 'rows'} changed)\n`);
    } else {
      process.stdout.write(formatTable(rows) + '\n');
    }
    return 0;
  },
};

/**
 * Whether to report "rows changed" rather than "(0 rows)" for a statement that returned no rows.
 * A changed row settles it; otherwise go by the first keyword (an UPDATE matching nothing is
 * still a write).
 *
 * @param {string} sql
 * @param {number | undefined} changes
 */
function isWrite(sql, changes) {
  if (changes !== undefined && changes > 0) return true;
  const withoutLeadingComments = sql.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  return !/^(select|with|pragma|explain|values)\b/i.test(withoutLeadingComments);
}
