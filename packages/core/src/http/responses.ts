/** A JSON response with the right content type. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** A JSON error naming the field it concerns (null when it concerns the whole request). */
export function jsonError(status: number, field: string | null, message: string, headers?: HeadersInit): Response {
  return json({ error: { field, message } }, { status, headers });
}

/** 303 See Other: after a form POST, the browser follows with a GET. */
export function redirect(location: string, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('Location', location);
  return new Response(null, { status: 303, headers: h });
}

export function html(body: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(body, { ...init, headers });
}
