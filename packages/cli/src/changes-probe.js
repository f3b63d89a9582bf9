// @ts-check

/**
 * Counting rows changed by `cruz db query`.
 *
 * Remote D1 reports `meta.changes`, but local `wrangler d1 execute` (4.86) keeps only
 * `meta.duration`. So the SQL is wrapped in two extra statements reading SQLite's
 * total_changes(): wrangler runs all statements as one batch on one connection, so the
 * difference is the number of rows the user's statements inserted, updated or deleted
 * (including rows changed by triggers and cascades). The probes are removed from the results
 * before anything is printed.
 */

const PROBE_COLUMN = 'cruz_total_changes';
const PROBE = `SELECT total_changes() AS ${PROBE_COLUMN}`;

/**
 * The newlines keep a trailing `-- comment` in the user's SQL from swallowing the last probe.
 *
 * @param {string} sql
 * @returns {string}
 */
export function withChangesProbe(sql) {
  return `${PROBE};\n${sql}\n;\n${PROBE}`;
}

/**
 * @template {{ results: Record<string, unknown>[] }} T
 * @param {T[]} statements every statement's result, probes included
 * @returns {{ statements: T[], changes: number | undefined }} the user's statements; changes is
 *   undefined when the probes are not where expected (e.g. an unclosed comment ate the last one)
 */
export function splitChangesProbe(statements) {
  const before = probeValue(statements[0]);
  const after = probeValue(statements[statements.length - 1]);
  if (statements.length < 2 || before === undefined || after === undefined) {
    return { statements, changes: undefined };
  }
  return { statements: statements.slice(1, -1), changes: after - before };
}

/**
 * @param {{ results: Record<string, unknown>[] } | undefined} statement
 * @returns {number | undefined}
 */
function probeValue(statement) {
  const row = statement?.results?.[0];
  const value = row && Object.keys(row).length === 1 ? row[PROBE_COLUMN] : undefined;
  return typeof value === 'number' ? value : undefined;
}
