/** Throw from a handler when trying again cannot help (bad payload, rejected address): the job goes DEAD at once. */
export class NonRetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableError';
  }
}
