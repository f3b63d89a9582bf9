import { readRequestBody } from './request-body';
import { jsonError } from './responses';

/**
 * The request's JSON object, or the 4xx answer to send instead: a body that is not JSON (415), not
 * valid JSON (400), or (when `allowed` is given) has a field the endpoint does not take (400, named).
 */
export async function readJsonObject(request: Request, allowed?: readonly string[]): Promise<Record<string, unknown> | Response> {
  const body = await readRequestBody(request);
  if (body.kind === 'invalid') return jsonError(body.status, 'body', body.message);
  if (body.kind !== 'json') return jsonError(415, 'body', 'Send a JSON object (Content-Type: application/json).');
  const unknown = allowed && Object.keys(body.fields).find((key) => !allowed.includes(key));
  if (unknown) return jsonError(400, unknown, `Unknown field "${unknown}".`);
  return body.fields;
}
