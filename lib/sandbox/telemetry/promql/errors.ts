/**
 * Prometheus' API error types this evaluator produces, with the HTTP status Prometheus answers
 * them with (web/api/v1: bad_data 400, execution 422, internal 500).
 */
export type PromqlErrorType = 'bad_data' | 'execution' | 'internal';

export const HTTP_STATUS_OF_ERROR: Readonly<Record<PromqlErrorType, number>> = {
  bad_data: 400,
  execution: 422,
  internal: 500,
};

/** A query the sandbox refuses (bad_data) or cannot evaluate (execution). */
export class PromqlError extends Error {
  constructor(
    readonly errorType: PromqlErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'PromqlError';
  }
}

/** A malformed or ill-typed query, refused before evaluation. */
export function badData(message: string): PromqlError {
  return new PromqlError('bad_data', message);
}

/** How every refusal of a valid-but-unsupported construct ends. */
export const UNSUPPORTED_SUFFIX = "is not supported by the Aviary sandbox's Prometheus";

/** A construct valid in PromQL that the sandbox does not evaluate, named so the user knows which. */
export function unsupported(construct: string): PromqlError {
  return new PromqlError('bad_data', `${construct} ${UNSUPPORTED_SUFFIX}`);
}

/** A failure during evaluation (e.g. many-to-many matching), which Prometheus reports as execution. */
export function executionError(message: string): PromqlError {
  return new PromqlError('execution', message);
}
