import 'server-only';
import { releaseGroup, releasePlural, releaseVersion } from '@/lib/domain/release';
import { apiRefusal } from '../kube/api-error';

/**
 * What a release operation can fail with, each with the HTTP status an API would answer and a
 * message a user can act on. Every failure of an operation is one of these (the CLI prints the
 * message, the console answers with the status), never client-node's raw ApiException.
 */
export class ReleaseError extends Error {
  override name = 'ReleaseError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A 409 from the API server, in words a user can act on. */
export class ReleaseConflictError extends ReleaseError {
  override name = 'ReleaseConflictError';
  constructor(message: string) {
    super(message, 409);
  }
}

/** The spec the operation would write is invalid (422 for an HTTP API). */
export class ReleaseValidationError extends ReleaseError {
  override name = 'ReleaseValidationError';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '), 422);
  }
}

/** The job or another object is missing (404). */
export class ReleaseNotFoundError extends ReleaseError {
  override name = 'ReleaseNotFoundError';
  constructor(message: string) {
    super(message, 404);
  }
}

/** The caller may not do this (403): the API server's own words, naming user, verb and resource. */
export class ReleaseForbiddenError extends ReleaseError {
  override name = 'ReleaseForbiddenError';
  constructor(message: string) {
    super(message, 403);
  }
}

const crdName = `${releasePlural}.${releaseGroup}`;

/**
 * The error an operation reports for `error`: its own errors as they are, an API server refusal
 * in the server's words (with advice where there is one), anything else unchanged.
 */
export function toReleaseError(error: unknown): unknown {
  if (error instanceof ReleaseError) return error;
  const refusal = apiRefusal(error);
  if (!refusal) return error;
  switch (refusal.code) {
    case 401:
      return new ReleaseError(
        `the cluster did not accept the credentials (401 Unauthorized): check the kubeconfig's token or certificate`,
        401,
      );
    case 403:
      return new ReleaseForbiddenError(refusal.message);
    case 404:
      // A named object missing is reported by each operation; a 404 with no name means the
      // collection itself is missing: the cluster does not serve release jobs.
      if (!refusal.details?.name)
        return new ReleaseNotFoundError(
          `the cluster does not serve ${crdName}/${releaseVersion}: install Aviary's CRD (kubectl apply -f deploy/release-job-crd.yaml)`,
        );
      return new ReleaseNotFoundError(refusal.message);
    case 409:
      return new ReleaseConflictError(refusal.message);
    default:
      return new ReleaseError(
        `the API server refused the request (${refusal.code}${refusal.reason ? ` ${refusal.reason}` : ''}): ${refusal.message}`,
        refusal.code >= 400 && refusal.code < 600 ? refusal.code : 502,
      );
  }
}

/** Runs an operation, reporting its failure as a ReleaseError where it is one. */
export async function reportingReleaseErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toReleaseError(error);
  }
}
