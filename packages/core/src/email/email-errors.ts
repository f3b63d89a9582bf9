import { NonRetryableError } from '../jobs/non-retryable-error';

/**
 * EMAIL_PROVIDER, EMAIL_API_KEY or EMAIL_FROM is missing or wrong. Thrown at the first send (not at
 * start-up, so the rest of the app keeps working), naming the variable to fix. Retrying the same job
 * cannot fix the deployment, so a job that hits it is DEAD at once.
 */
export class EmailConfigError extends NonRetryableError {
  constructor(message: string) {
    super(message);
    this.name = 'EmailConfigError';
  }
}

/** The message itself is unusable (a bad address, a line break in a header, an unknown template): nothing was sent. */
export class InvalidEmailError extends NonRetryableError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEmailError';
  }
}

/** The provider refused the message (a 4xx other than 429): sending it again would be refused again. */
export class EmailRejectedError extends NonRetryableError {
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly providerMessage: string,
  ) {
    super(`${provider} rejected the email (HTTP ${status}): ${providerMessage}`);
    this.name = 'EmailRejectedError';
  }
}

/** The provider could not be reached or was busy (network error, 429, 5xx): the job is retried on its schedule. */
export class EmailDeliveryError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmailDeliveryError';
  }
}
