// @ts-check

/** An expected failure: main prints the message (no stack trace) and exits with `exitCode`. */
export class CliError extends Error {
  /**
   * @param {string} message
   * @param {number} [exitCode]
   */
  constructor(message, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Bad command line. Exit code 2, and main adds a hint to --help. */
export class UsageError extends CliError {
  /** @param {string} message */
  constructor(message) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
