import { EmailDeliveryError, EmailRejectedError } from './email-errors';

/**
 * How a failed provider call is classified. Rate limits (429) and server errors (5xx) pass, so the job
 * retries on its schedule; any other 4xx means the provider read the message and refused it (a bad
 * address, an unverified sender, a wrong key), which a retry would only repeat, so the job is DEAD at once.
 */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The error for a provider's non-2xx answer; `transient` overrides the status rule when the provider documents one. */
export function providerFailure(provider: string, status: number, providerMessage: string, transient = isTransientStatus(status)): Error {
  return transient
    ? new EmailDeliveryError(provider, status, `${provider} is unavailable (HTTP ${status}): ${providerMessage}`)
    : new EmailRejectedError(provider, status, providerMessage);
}

/** The request never got an answer (DNS, TLS, connection reset): always worth another try. */
export function networkFailure(provider: string, error: unknown): EmailDeliveryError {
  const reason = error instanceof Error ? error.message : String(error);
  return new EmailDeliveryError(provider, null, `Could not reach ${provider}: ${reason}`, { cause: error });
}
