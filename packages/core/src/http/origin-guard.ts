const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard: a state-changing request whose Origin header names another
 * site is refused. Requests without Origin (curl, scripts, old browsers on same-origin GETs) pass.
 */
export function isForeignOriginRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get('Origin');
  if (origin === null) return false;
  return origin !== new URL(request.url).origin;
}
