// @ts-check

/**
 * One statement's outcome in `wrangler d1 execute --json` output. Locally wrangler 4.86 keeps
 * only `meta.duration`; remote D1 also reports `meta.changes` and more.
 *
 * @typedef {object} StatementResult
 * @property {Record<string, unknown>[]} results
 * @property {boolean} success
 * @property {Record<string, unknown>} [meta]
 */

/**
 * @typedef {{ ok: true, statements: StatementResult[] } | { ok: false, message: string }} ExecuteOutcome
 */

/**
 * Interprets a finished `wrangler d1 execute --json` run. Shapes seen with wrangler 4.86:
 * - success, exit 0: `[{ "results": [...], "success": true, "meta": { "duration": 0 } }, ...]`,
 *   one entry per statement;
 * - SQL error, exit 1: `{ "error": { "text": "no such table: nope: SQLITE_ERROR" } }` on stdout
 *   (wrangler's JSON errors may also carry `notes: [{ text }]`);
 * - failures before the command runs (e.g. a broken wrangler.toml), exit 1: coloured plain text
 *   `✘ [ERROR] ...` on stderr and nothing useful on stdout.
 *
 * @param {{ code: number, stdout: string, stderr: string }} run
 * @returns {ExecuteOutcome}
 */
export function parseExecuteOutput({ code, stdout, stderr }) {
  const json = parseJson(stdout);

  if (code === 0 && Array.isArray(json) && json.every(isStatementResult)) {
    return { ok: true, statements: json };
  }
  if (json && typeof json === 'object' && 'error' in json && json.error) {
    return { ok: false, message: jsonErrorMessage(json.error) };
  }
  const text = plainErrorMessage(stderr) || plainErrorMessage(stdout);
  if (code === 0) {
    return { ok: false, message: `unexpected output from wrangler d1 execute: ${text || '(empty)'}` };
  }
  return { ok: false, message: text || `wrangler d1 execute exited with code ${code}` };
}

/**
 * @param {string} text
 * @returns {unknown}
 */
function parseJson(text) {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    // Tolerate log lines printed before the JSON document.
    const start = trimmed.search(/^[[{]/m);
    if (start <= 0) return undefined;
    try {
      return JSON.parse(trimmed.slice(start));
    } catch {
      return undefined;
    }
  }
}

/**
 * @param {unknown} value
 * @returns {value is StatementResult}
 */
function isStatementResult(value) {
  return Boolean(value) && typeof value === 'object' && Array.isArray(/** @type {any} */ (value).results);
}

/**
 * @param {any} error
 * @returns {string}
 */
function jsonErrorMessage(error) {
  if (typeof error === 'string') return error;
  const notes = Array.isArray(error.notes) ? error.notes.map((/** @type {any} */ note) => note?.text).filter(Boolean) : [];
  return [error.text ?? JSON.stringify(error), ...notes].join('\n');
}

/**
 * Why a wrangler command (any but `d1 execute --json`) failed, in wrangler's words: the text from
 * its "✘ [ERROR]" on (warnings printed before it are dropped), else whatever it printed on stderr,
 * else the end of its stdout, else its exit code.
 *
 * @param {{ code: number, stdout: string, stderr: string }} run
 * @param {string} [what] the command, for the exit-code fallback, e.g. "wrangler deploy"
 * @returns {string}
 */
export function wranglerFailureMessage({ code, stdout, stderr }, what = 'wrangler') {
  for (const text of [stderr, stdout]) {
    const plain = stripAnsi(text);
    const tag = plain.search(/✘\s*\[ERROR\]/);
    if (tag !== -1) return plainErrorMessage(plain.slice(tag));
  }
  const text = plainErrorMessage(stderr) || lastLines(plainErrorMessage(stdout), 20);
  return text || `${what} exited with code ${code}`;
}

/**
 * @param {string} text
 * @param {number} count
 */
export function lastLines(text, count) {
  const lines = text.split('\n');
  return lines.length <= count ? text : ['…', ...lines.slice(-count)].join('\n');
}

/** @param {string} text */
export function stripAnsi(text) {
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

/**
 * wrangler's human error text without colours, the "✘ [ERROR]" tag and its closing boilerplate.
 *
 * @param {string} text
 * @returns {string}
 */
function plainErrorMessage(text) {
  return stripAnsi(text)
    .split('\n')
    .filter((line) => !/If you think this is a bug|Logs were written to/.test(line))
    .join('\n')
    .replace(/^\s*✘\s*\[ERROR\]\s*/m, '')
    .trim();
}
