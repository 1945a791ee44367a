/** A mistake in how a command was called: printed as one line, with a pointer to `--help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A failure the command understands (a port in use, a build that failed): printed as its message
 * alone, without a stack trace, and the command exits 1.
 */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}
