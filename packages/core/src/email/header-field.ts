import { InvalidEmailError } from './email-errors';

// CR or LF would end the header line and start a new header (or a new recipient) of the sender's choosing.
const LINE_BREAK = /[\r\n]/;
// Other control characters have no business in a header either (tab is allowed: it is folding whitespace).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** True when `value` has a line break or another control character: no header field may contain one. */
export function hasControlCharacter(value: string): boolean {
  return LINE_BREAK.test(value) || CONTROL.test(value);
}

/** Refuses a header field value (subject, display name, address) that would not stay on its one line. */
export function assertHeaderSafe(value: string, field: string): void {
  if (LINE_BREAK.test(value)) {
    throw new InvalidEmailError(`The email's ${field} contains a line break (CR or LF), which could inject headers; nothing was sent.`);
  }
  if (CONTROL.test(value)) {
    throw new InvalidEmailError(`The email's ${field} contains a control character; nothing was sent.`);
  }
}
