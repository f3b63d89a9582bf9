import { InvalidEmailError } from './email-errors';
import { checkDomain, type DomainProblem } from './email-domain';
import { assertHeaderSafe, hasControlCharacter } from './header-field';

/** An address as callers write it: `jane@example.com`, `Jane <jane@example.com>`, or `{ email, name }`. */
export type EmailAddressInput = string | { email: string; name?: string | null };

/** A checked address: `email` is ASCII with its domain in punycode; `name` is the display name as given (any script). */
export type Mailbox = { email: string; name?: string };

// RFC 5322 dot-atom: what providers accept before the @ (quoted local parts are refused by them).
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LOCAL_PART_CHARACTERS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
/** RFC 5321 limits, which Resend, Postmark and SendGrid enforce. */
export const EMAIL_ADDRESS_MAX = 254;
export const EMAIL_LOCAL_PART_MAX = 64;
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

/** Which rule an address breaks, and why in words: `message` reads `"zoë@example.com" cannot be used: …`. */
export type EmailAddressProblem = {
  code:
    | 'not-an-address'
    | 'control-character'
    | 'local-part-non-ascii'
    | 'local-part-characters'
    | 'local-part-dots'
    | 'local-part-too-long'
    | 'too-long'
    | DomainProblem['code'];
  message: string;
};

/**
 * Why EmailService would refuse to send to `address` (a bare `name@domain`, no display name), or null
 * when it can send to it. These are the very rules every transport applies before any request, so an
 * address an app accepts after this check can always be emailed. Internationalized domains pass (they
 * are sent in punycode); a non-ASCII local part does not (no provider takes it).
 */
export function emailAddressProblem(address: string): EmailAddressProblem | null {
  const checked = checkAddrSpec(address);
  return checked.ok ? null : { code: checked.code, message: `"${address}" ${checked.predicate}` };
}

type AddrSpecCheck = { ok: true; email: string } | { ok: false; code: EmailAddressProblem['code']; predicate: string };

/** The rules, once: `predicate` completes a sentence that starts with the address. */
function checkAddrSpec(address: string): AddrSpecCheck {
  const refuse = (code: EmailAddressProblem['code'], predicate: string): AddrSpecCheck => ({ ok: false, code, predicate });
  if (hasControlCharacter(address)) return refuse('control-character', 'cannot be used: it contains a control character or a line break.');
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return refuse('not-an-address', 'is not an email address (expected name@domain).');
  const local = address.slice(0, at);
  if (/[^\x00-\x7f]/.test(local)) {
    return refuse('local-part-non-ascii', 'cannot be used: it has non-ASCII characters before the @, which Resend, Postmark and SendGrid do not accept.');
  }
  if (!LOCAL_PART_CHARACTERS.test(local)) {
    return refuse('local-part-characters', "cannot be used: the part before the @ is not a valid mailbox name (letters, digits and . ! # $ % & ' * + - / = ? ^ _ ` { | } ~ only).");
  }
  if (!LOCAL_PART.test(local)) {
    return refuse('local-part-dots', 'cannot be used: the part before the @ is not a valid mailbox name (it may not start or end with a dot, nor have two dots in a row).');
  }
  if (local.length > EMAIL_LOCAL_PART_MAX) {
    return refuse('local-part-too-long', `cannot be used: the part before the @ is not a valid mailbox name (at most ${EMAIL_LOCAL_PART_MAX} characters).`);
  }
  const domain = checkDomain(address.slice(at + 1));
  if (!domain.ok) return refuse(domain.problem.code, `cannot be used: ${domain.problem.reason}`);
  const email = `${local}@${domain.ascii}`;
  if (email.length > EMAIL_ADDRESS_MAX) return refuse('too-long', `is longer than the ${EMAIL_ADDRESS_MAX} characters an address may have.`);
  return { ok: true, email };
}

function parseAddrSpec(address: string, field: string): string {
  // Header-field rules first, with their own wording (a line break is an injection attempt).
  assertHeaderSafe(address, field);
  const checked = checkAddrSpec(address);
  if (!checked.ok) throw new InvalidEmailError(`The email's ${field} "${address}" ${checked.predicate}`);
  return checked.email;
}
