import { networkFailure, providerFailure } from '../send-failure';

/** The provider's own explanation of a failed call, and whether it documents that call as safe to retry. */
export type ProviderErrorDetails = { message?: string; transient?: boolean };

export type ProviderRequest = {
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** Reads the provider's error JSON (undefined when the body was not JSON). */
  readError: (json: unknown) => ProviderErrorDetails;
};

/** POSTs JSON to a provider and returns its 2xx response; any failure is thrown already classified. */
export async function postToProvider(request: ProviderRequest): Promise<Response> {
  let response: Response;
  try {
    // `fetch` is looked up at call time, so tests can intercept it at the HTTP level.
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...request.headers },
      body: JSON.stringify(request.body),
    });
  } catch (error) {
    throw networkFailure(request.provider, error);
  }
  if (response.ok) return response;

  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const details = request.readError(json);
  const message = details.message || text.slice(0, 500).trim() || response.statusText || '(no details given)';
  throw providerFailure(request.provider, response.status, message, details.transient);
}
