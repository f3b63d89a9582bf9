// @ts-check

/**
 * A small TOML reader for what wrangler.toml files use: comments, `[tables]`, `[[arrays of
 * tables]]`, bare/quoted/dotted keys, strings (basic, literal, multi-line), integers, floats,
 * booleans, arrays (over several lines, trailing comma allowed) and inline tables. Dates and
 * times are kept as their text. It reads; it never writes (cruz appends text to the file instead,
 * so the user's formatting and comments stay as they are).
 *
 * Anything else is a TomlError naming the line, rather than a silently wrong value.
 */

export class TomlError extends Error {
  /**
   * @param {string} message
   * @param {number} line 1-based
   */
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.name = 'TomlError';
    this.line = line;
  }
}

/**
 * A value: string, number, boolean, array of values or TomlTable. (JSDoc typedefs cannot refer to
 * themselves, so the nesting is `unknown` to the type checker.)
 *
 * @typedef {unknown} TomlValue
 * @typedef {Record<string, unknown>} TomlTable
 */

const BARE_KEY = /[A-Za-z0-9_-]/;
const ESCAPES = /** @type {Record<string, string>} */ ({ b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' });
const DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?)?$|^\d{2}:\d{2}:\d{2}(\.\d+)?$/;
const DECIMAL = /^[+-]?(0|[1-9](_?\d)*)$/;
const FLOAT = /^[+-]?(0|[1-9](_?\d)*)(\.\d(_?\d)*)?([eE][+-]?\d(_?\d)*)?$/;
const PREFIXED = /^0(x[0-9A-Fa-f](_?[0-9A-Fa-f])*|o[0-7](_?[0-7])*|b[01](_?[01])*)$/;

/**
 * @param {string} text
 * @returns {TomlTable}
 */
export function parseToml(text) {
  let pos = 0;
  /** @type {TomlTable} */
  const root = {};
  let current = root;
  /** Tables named by a [header] (may not be named twice), and arrays made by [[headers]]. */
  const explicitTables = new WeakSet();
  const tableArrays = new WeakSet();

  /** @param {string} message */
  const fail = (message) => {
    throw new TomlError(message, text.slice(0, pos).split('\n').length);
  };
  const peek = (offset = 0) => text[pos + offset];
  const startsWith = (/** @type {string} */ s) => text.startsWith(s, pos);

  const skipSpaces = () => {
    while (peek() === ' ' || peek() === '\t') pos++;
  };
  const skipComment = () => {
    if (peek() === '#') while (pos < text.length && peek() !== '\n') pos++;
  };
  /** Spaces, comments and newlines, as allowed between array items and between lines. */
  const skipBlank = () => {
    for (;;) {
      skipSpaces();
      skipComment();
      if (peek() === '\n') pos++;
      else if (peek() === '\r' && peek(1) === '\n') pos += 2;
      else return;
    }
  };
  const endOfLine = () => {
    skipSpaces();
    skipComment();
    if (pos >= text.length) return;
    if (peek() === '\n') return void pos++;
    if (peek() === '\r' && peek(1) === '\n') return void (pos += 2);
    fail(`unexpected "${peek()}" after a value (one key = value per line)`);
  };

  /** @returns {string[]} */
  const readKey = () => {
    const parts = [];
    for (;;) {
      skipSpaces();
      if (peek() === '"') parts.push(readBasicString());
      else if (peek() === "'") parts.push(readLiteralString());
      else {
        const start = pos;
        while (pos < text.length && BARE_KEY.test(peek())) pos++;
        if (pos === start) fail(peek() === undefined ? 'expected a key' : `unexpected "${peek()}" where a key should be`);
        parts.push(text.slice(start, pos));
      }
      skipSpaces();
      if (peek() !== '.') return parts;
      pos++;
    }
  };

  const readBasicString = () => {
    pos++; // "
    let out = '';
    for (;;) {
      const c = peek();
      if (c === undefined || c === '\n') fail('unterminated string');
      pos++;
      if (c === '"') return out;
      if (c === '\\') out += readEscape();
      else out += c;
    }
  };

  const readEscape = () => {
    const c = peek();
    pos++;
    if (c !== undefined && Object.hasOwn(ESCAPES, c)) return ESCAPES[c];
    if (c === 'u' || c === 'U') {
      const length = c === 'u' ? 4 : 8;
      const hex = text.slice(pos, pos + length);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) fail(`bad \\${c} escape`);
      pos += length;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    return fail(`unknown escape \\${c ?? ''}`);
  };

  const readLiteralString = () => {
    pos++; // '
    const end = text.indexOf("'", pos);
    const newline = text.indexOf('\n', pos);
    if (end === -1 || (newline !== -1 && newline < end)) fail('unterminated string');
    const value = text.slice(pos, end);
    pos = end + 1;
    return value;
  };

  /** @param {'"""' | "'''"} quotes */
  const readMultilineString = (quotes) => {
    pos += 3;
    if (peek() === '\n') pos++;
    else if (peek() === '\r' && peek(1) === '\n') pos += 2;
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated multi-line string');
      if (startsWith(quotes)) {
        // Up to two quotes right before the closing three belong to the string: """a""""" is a"".
        let run = 0;
        while (peek(run) === quotes[0]) run++;
        if (run > 5) fail('too many quotes closing a multi-line string');
        out += quotes[0].repeat(run - 3);
        pos += run;
        return out;
      }
      const c = peek();
      pos++;
      if (quotes === '"""' && c === '\\') {
        if (/^[ \t]*\r?\n/.test(text.slice(pos))) {
          while (/\s/.test(peek() ?? '')) pos++; // line-ending backslash: trim to the next text
        } else {
          out += readEscape();
        }
      } else {
        out += c;
      }
    }
  };

  /** @returns {TomlValue} */
  const readValue = () => {
    skipSpaces();
    if (startsWith('"""')) return readMultilineString('"""');
    if (startsWith("'''")) return readMultilineString("'''");
    if (peek() === '"') return readBasicString();
    if (peek() === "'") return readLiteralString();
    if (peek() === '[') return readArray();
    if (peek() === '{') return readInlineTable();
    const start = pos;
    while (pos < text.length && /[0-9A-Za-z_+\-.:]/.test(peek())) pos++;
    // A date-time may have a space instead of "T": "1979-05-27 07:32:00Z".
    if (/^\d{4}-\d{2}-\d{2}$/.test(text.slice(start, pos)) && /^ \d{2}:/.test(text.slice(pos))) {
      pos++;
      while (pos < text.length && /[0-9A-Za-z_+\-.:]/.test(peek())) pos++;
    }
    const token = text.slice(start, pos);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (DATE_TIME.test(token)) return token;
    if (DECIMAL.test(token)) return Number(token.replaceAll('_', ''));
    if (PREFIXED.test(token)) return Number(token.replaceAll('_', ''));
    if (FLOAT.test(token)) return Number(token.replaceAll('_', ''));
    if (/^[+-]?inf$/.test(token)) return token.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(token)) return NaN;
    if (token === '') return fail(peek() === undefined || peek() === '\n' ? 'missing value' : `unexpected "${peek()}" where a value should be`);
    return fail(`"${token}" is not a TOML value (strings need quotes)`);
  };

  const readArray = () => {
    pos++; // [
    /** @type {TomlValue[]} */
    const items = [];
    for (;;) {
      skipBlank();
      if (peek() === ']') {
        pos++;
        return items;
      }
      items.push(readValue());
      skipBlank();
      if (peek() === ',') pos++;
      else if (peek() === ']') {
        pos++;
        return items;
      } else fail(peek() === undefined ? 'unterminated array' : `expected "," or "]" in an array, got "${peek()}"`);
    }
  };

  const readInlineTable = () => {
    pos++; // {
    /** @type {TomlTable} */
    const table = {};
    skipSpaces();
    if (peek() === '}') {
      pos++;
      return table;
    }
    for (;;) {
      assign(table, readKey(), readAfterEquals());
      skipSpaces();
      if (peek() === ',') pos++;
      else if (peek() === '}') {
        pos++;
        return table;
      } else fail(`expected "," or "}" in an inline table, got "${peek() ?? 'end of file'}"`);
    }
  };

  const readAfterEquals = () => {
    skipSpaces();
    if (peek() !== '=') fail(`expected "=" after the key, got "${peek() ?? 'end of file'}"`);
    pos++;
    return readValue();
  };

  /**
   * @param {TomlTable} table
   * @param {string[]} key
   * @param {TomlValue} value
   */
  const assign = (table, key, value) => {
    const parent = descend(table, key.slice(0, -1), key);
    const last = key[key.length - 1];
    if (Object.hasOwn(parent, last)) fail(`key "${key.join('.')}" is defined twice`);
    parent[last] = value;
  };

  /**
   * Walks to the table at `path` from `table`, creating missing tables; an array of tables
   * stands for its last element.
   *
   * @param {TomlTable} table
   * @param {string[]} path
   * @param {string[]} whole for messages
   * @returns {TomlTable}
   */
  const descend = (table, path, whole) => {
    let here = table;
    for (const part of path) {
      if (!Object.hasOwn(here, part)) here[part] = {};
      let next = here[part];
      if (Array.isArray(next) && tableArrays.has(next)) next = next[next.length - 1];
      if (!isTable(next)) fail(`"${whole.join('.')}" uses "${part}", which is already a value, as a table`);
      here = /** @type {TomlTable} */ (next);
    }
    return here;
  };

  for (;;) {
    skipBlank();
    if (pos >= text.length) return root;
    if (startsWith('[[')) {
      pos += 2;
      const key = readKey();
      if (!startsWith(']]')) fail('expected "]]" to close the table header');
      pos += 2;
      const parent = descend(root, key.slice(0, -1), key);
      const last = key[key.length - 1];
      if (!Object.hasOwn(parent, last)) {
        const array = /** @type {TomlValue[]} */ ([]);
        tableArrays.add(array);
        parent[last] = array;
      }
      const array = parent[last];
      if (!Array.isArray(array) || !tableArrays.has(array)) fail(`[[${key.join('.')}]] names something that is not an array of tables`);
      /** @type {TomlTable} */
      const table = {};
      /** @type {TomlValue[]} */ (array).push(table);
      current = table;
    } else if (peek() === '[') {
      pos++;
      const key = readKey();
      if (peek() !== ']') fail('expected "]" to close the table header');
      pos++;
      const parent = descend(root, key.slice(0, -1), key);
      const last = key[key.length - 1];
      if (!Object.hasOwn(parent, last)) parent[last] = {};
      const table = parent[last];
      if (!isTable(table) || explicitTables.has(/** @type {object} */ (table))) fail(`table [${key.join('.')}] is defined twice`);
      explicitTables.add(/** @type {object} */ (table));
      current = /** @type {TomlTable} */ (table);
    } else {
      assign(current, readKey(), readAfterEquals());
    }
    endOfLine();
  }
}

/**
 * @param {unknown} value
 * @returns {value is TomlTable}
 */
export function isTable(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
