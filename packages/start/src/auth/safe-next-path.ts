/**
 * Where to go after signing in, from a `next` parameter: a path on this site only. Anything that
 * could leave it (`//evil.example`, `/\evil.example`, `https://...`) is refused, so the sign-in
 * pages cannot be used to redirect people elsewhere.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\\]/.test(value)) return null;
  return value;
}
