export type ParsedBody =
  | { kind: 'json'; fields: Record<string, unknown> }
  | { kind: 'form'; fields: Record<string, unknown> }
  | { kind: 'invalid'; status: 400 | 413 | 415; message: string };

/** Bodies larger than this are refused before parsing. */
const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON or form body into plain fields, or says clearly why it cannot. */
export async function readRequestBody(request: Request): Promise<ParsedBody> {
  const contentType = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  const declaredLength = Number(request.headers.get('Content-Length') ?? '0');
  if (declaredLength > MAX_BODY_BYTES) return { kind: 'invalid', status: 413, message: 'Request body is too large.' };
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) return { kind: 'invalid', status: 413, message: 'Request body is too large.' };

  const text = new TextDecoder().decode(bytes);
  if (contentType === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { kind: 'invalid', status: 400, message: 'Request body is not valid JSON.' };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { kind: 'invalid', status: 400, message: 'Request body must be a JSON object.' };
    }
    return { kind: 'json', fields: value as Record<string, unknown> };
  }
  if (contentType === 'application/x-www-form-urlencoded' || contentType === '') {
    return { kind: 'form', fields: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (contentType === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Request('http://local/', { method: 'POST', headers: request.headers, body: bytes }).formData();
    } catch {
      return { kind: 'invalid', status: 400, message: 'Request body is not a valid multipart form.' };
    }
    const fields: Record<string, unknown> = {};
    form.forEach((value, key) => {
      if (typeof value === 'string') fields[key] = value;
    });
    return { kind: 'form', fields };
  }
  return { kind: 'invalid', status: 415, message: `Unsupported Content-Type "${contentType}": send application/json or a form.` };
}
