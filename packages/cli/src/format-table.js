// @ts-check

/**
 * Rows as an aligned text table followed by a row count:
 *
 *   id | name
 *   ---|-----
 *   1  | NULL
 *   (1 row)
 *
 * Columns are the union of the rows' keys in first-seen order. Widths are string lengths
 * (wide characters such as emoji will misalign; acceptable for a dev tool). The last column
 * is not padded, so lines carry no trailing spaces.
 *
 * @param {Record<string, unknown>[]} rows
 * @returns {string}
 */
export function formatTable(rows) {
  if (rows.length === 0) return rowCount(0);

  /** @type {string[]} */
  const columns = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  }

  const cells = rows.map((row) => columns.map((column) => formatCell(row[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i].length)));
  const last = columns.length - 1;

  /** @param {string[]} values */
  const line = (values) => values.map((value, i) => (i === last ? value : value.padEnd(widths[i]))).join(' | ');

  return [
    line(columns),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...cells.map(line),
    rowCount(rows.length),
  ].join('\n');
}

/**
 * @param {unknown} value
 * @returns {string}
 */
export function formatCell(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** @param {number} n */
export function rowCount(n) {
  return `(${n} ${n === 1 ? 'row' : 'rows'})`;
}
