import { InvalidEmailError } from './email-errors';

// What may reach the URL parser: letters and digits of any script, combining marks, hyphens and dots
// (including the ideographic full stops IDNA treats as dots). "/", "?", "#", "@", ":", "[" or "%" would
// change what the parser reads as the host, so they are refused first.
const DOMAIN_CHARACTERS = /^[\p{L}\p{M}\p{N}\-.\u3002\uff0e\uff61]+$/u;
const ASCII_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The domain as email providers accept it: lower case, internationalized names in their ASCII
 * (punycode) form. `bücher.example` becomes `xn--bcher-kva.example`. The URL parser applies IDNA
 * (UTS #46) in workerd as in browsers, so no punycode code of our own is needed.
 */
export function toAsciiDomain(domain: string, describe: () => string): string {
  const refuse = (why: string): never => {
    throw new InvalidEmailError(`${describe()} cannot be used: ${why}`);
  };
  if (!DOMAIN_CHARACTERS.test(domain)) refuse('its domain may contain only letters, digits, hyphens and dots (no IP addresses or other characters).');
  let ascii: string;
  try {
    ascii = new URL(`http://${domain}/`).hostname;
  } catch {
    return refuse('its domain is not a valid (internationalized) domain name.');
  }
  const labels = ascii.split('.');
  if (labels.length < 2 || ascii.length > 253 || !labels.every((label) => ASCII_LABEL.test(label))) {
    refuse('its domain must be a full domain name such as example.com.');
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) refuse('its domain looks like an IP address; use a domain name.');
  return ascii;
}
