import { InvalidEmailError } from './email-errors';
import { toAsciiDomain } from './email-domain';
import { assertHeaderSafe } from './header-field';

/** An address as callers write it: `jane@example.com`, `Jane <jane@example.com>`, or `{ email, name }`. */
export type EmailAddressInput = string | { email: string; name?: string | null };

/** A checked address: `email` is ASCII with its domain in punycode; `name` is the display name as given (any script). */
export type Mailbox = { email: string; name?: string };

// RFC 5322 dot-atom: what providers accept before the @ (quoted local parts are refused by them).
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// A display name made only of these (atext, RFC 6532 UTF-8 included, and spaces) needs no quotes.
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\- \u0080-\u{10FFFF}]+$/u;
// Characters that end or split an unquoted display name: it must be quoted to contain them.
const PHRASE_SPECIALS = /["(),:;<>@[\\\]]/;

/** Parses one or more recipients; each must be exactly one address. */
export function parseMailboxList(input: EmailAddressInput | EmailAddressInput[], field: string): Mailbox[] {
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) throw new InvalidEmailError(`The email's ${field} is empty: give at least one address.`);
  return list.map((item) => parseMailbox(item, field));
}

/** Checks one address and brings it to the form providers accept, or says clearly why it cannot be sent to. */
export function parseMailbox(input: EmailAddressInput, field: string): Mailbox {
  if (typeof input === 'string') return parseAddressString(input, field);
  if (!input || typeof input !== 'object' || typeof input.email !== 'string') {
    throw new InvalidEmailError(`The email's ${field} must be an address string or { email, name }, got ${JSON.stringify(input)}.`);
  }
  const name = input.name ?? undefined;
  if (name !== undefined && typeof name !== 'string') throw new InvalidEmailError(`The display name in the email's ${field} must be a string.`);
  if (name !== undefined) assertHeaderSafe(name, `${field} name`);
  return { email: parseAddrSpec(input.email.trim(), field), ...(name?.trim() ? { name: name.trim() } : {}) };
}

/** RFC 5322 `name-addr` (or a bare address): the display name is quoted and escaped when it has to be. */
export function formatMailbox(mailbox: Mailbox): string {
  if (!mailbox.name) return mailbox.email;
  return `${formatDisplayName(mailbox.name)} <${mailbox.email}>`;
}

/** The display name as it may stand in a header: as is when it is plain words, else a quoted-string. */
export function formatDisplayName(name: string): string {
  return needsQuoting(name) ? quote(name) : name;
}

function needsQuoting(name: string): boolean {
  return !PLAIN_PHRASE.test(name) || name !== name.trim() || name.includes('  ');
}

function quote(name: string): string {
  return `"${name.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function parseAddressString(raw: string, field: string): Mailbox {
  assertHeaderSafe(raw, field);
  const text = raw.trim();
  if (!text.endsWith('>')) {
    if (/[,;]/.test(text)) {
      throw new InvalidEmailError(`The email's ${field} "${raw}" is not one address: give one address per entry (an array for several recipients).`);
    }
    if (/[\s<>"]/.test(text)) {
      throw new InvalidEmailError(`The email's ${field} "${raw}" is not a valid address: spaces, quotes and angle brackets belong only in "Name <address>".`);
    }
    return { email: parseAddrSpec(text, field) };
  }
  const open = text.lastIndexOf('<');
  if (open < 0) throw new InvalidEmailError(`The email's ${field} "${raw}" has a ">" without a "<".`);
  const email = parseAddrSpec(text.slice(open + 1, -1).trim(), field);
  const display = text.slice(0, open).trim();
  if (display === '') return { email };
  return { email, name: parseDisplayName(display, raw, field) };
}

function parseDisplayName(display: string, raw: string, field: string): string {
  if (display.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"$/su.exec(display);
    if (!match) throw new InvalidEmailError(`The display name in the email's ${field} "${raw}" has unbalanced quotes.`);
    return match[1].replace(/\\(.)/gsu, '$1');
  }
  if (PHRASE_SPECIALS.test(display)) {
    throw new InvalidEmailError(
      `The display name in the email's ${field} "${raw}" has characters such as , ; < > that only a quoted name may contain: write "${display}" in double quotes, or pass { name, email }.`,
    );
  }
  return display.replace(/\s+/g, ' ');
}

function parseAddrSpec(address: string, field: string): string {
  assertHeaderSafe(address, field);
  const describe = () => `The email's ${field} "${address}"`;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) throw new InvalidEmailError(`${describe()} is not an email address (expected name@domain).`);
  const local = address.slice(0, at);
  if (/[^\x00-\x7f]/.test(local)) {
    throw new InvalidEmailError(
      `${describe()} cannot be used: it has non-ASCII characters before the @, which Resend, Postmark and SendGrid do not accept.`,
    );
  }
  if (!LOCAL_PART.test(local) || local.length > 64) {
    throw new InvalidEmailError(`${describe()} cannot be used: the part before the @ is not a valid mailbox name.`);
  }
  const email = `${local}@${toAsciiDomain(address.slice(at + 1), describe)}`;
  if (email.length > 254) throw new InvalidEmailError(`${describe()} is longer than the 254 characters an address may have.`);
  return email;
}
