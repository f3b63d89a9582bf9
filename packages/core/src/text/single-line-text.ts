// Lone UTF-16 surrogates cannot be stored as UTF-8: D1 would keep broken bytes.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 and C1 control characters, line breaks and tabs included: names and titles are one line of text,
// and they travel into email subjects and logs, where a line break would end the header or forge a line.
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/**
 * Why `text` cannot be a name or a title (one line of readable text), or null when it can. Safe to
 * load in the browser.
 */
export function singleLineTextProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return 'contains a broken character (a lone UTF-16 surrogate)';
  if (CONTROL_CHARACTER.test(text)) return 'must be one line of text, without line breaks or control characters';
  return null;
}
