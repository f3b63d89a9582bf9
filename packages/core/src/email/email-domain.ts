// What may reach the URL parser: letters and digits of any script, combining marks, hyphens and dots
// (including the ideographic full stops IDNA treats as dots). "/", "?", "#", "@", ":", "[" or "%" would
// change what the parser reads as the host, so they are refused first.
const DOMAIN_CHARACTERS = /^[\p{L}\p{M}\p{N}\-.\u3002\uff0e\uff61]+$/u;
const ASCII_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why a domain cannot be sent to: `reason` completes "… cannot be used: ". */
export type DomainProblem = { code: 'domain' | 'domain-label-too-long' | 'domain-too-long'; reason: string };

/**
 * The domain as email providers accept it: lower case, internationalized names in their ASCII
 * (punycode) form. `bücher.example` becomes `xn--bcher-kva.example`. The URL parser applies IDNA
 * (UTS #46) in workerd as in browsers, so no punycode code of our own is needed.
 */
export function checkDomain(domain: string): { ok: true; ascii: string } | { ok: false; problem: DomainProblem } {
  const refuse = (reason: string, code: DomainProblem['code'] = 'domain') => ({ ok: false as const, problem: { code, reason } });
  if (!DOMAIN_CHARACTERS.test(domain)) return refuse('its domain may contain only letters, digits, hyphens and dots (no IP addresses or other characters).');
  let ascii: string;
  try {
    ascii = new URL(`http://${domain}/`).hostname;
  } catch {
    return refuse('its domain is not a valid (internationalized) domain name.');
  }
  const labels = ascii.split('.');
  // The URL parser does not enforce DNS lengths; mail does (RFC 1035: 63 per label, 253 in all).
  if (labels.some((label) => label.length > 63)) return refuse('each part of its domain between dots may have at most 63 characters.', 'domain-label-too-long');
  if (ascii.length > 253) return refuse('its domain is longer than the 253 characters a domain may have.', 'domain-too-long');
  if (labels.length < 2 || !labels.every((label) => ASCII_LABEL.test(label))) return refuse('its domain must be a full domain name such as example.com.');
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return refuse('its domain looks like an IP address; use a domain name.');
  return { ok: true, ascii };
}
