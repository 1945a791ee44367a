import type { IncomingMessage } from 'node:http';
import type { RequestUser } from '../core/request-context';
import type { ApiError } from '../errors';
import type { KubeObject } from '../types';

/** Establishes who sends a request (bearer token, then impersonation headers). */
export interface Authenticator {
  /** The user, or undefined for a missing or invalid credential (answered 401). Throws ApiError to refuse. */
  authenticate(req: IncomingMessage): RequestUser | undefined;
}

/** Decides whether a user may make a request; answers the ApiError (403) to send when not. */
export interface Authorizer {
  check(
    user: RequestUser,
    method: string,
    pathname: string,
    query: URLSearchParams,
  ): ApiError | undefined;
}

/**
 * Computes the answer to a review for the user who posts it: the access reviews
 * (authorization.k8s.io) and SelfSubjectReview (authentication.k8s.io).
 */
export interface AccessReviewer {
  review(kind: string, body: KubeObject, user: RequestUser, namespace: string): KubeObject;
}

export interface LogOptions {
  container?: string;
  tailLines?: number;
  previous?: boolean;
  timestamps?: boolean;
}

/** The logs of a pod's container, from whatever runs the pod; undefined when it has none. */
export interface LogSource {
  read(namespace: string, pod: string, options: LogOptions): string | undefined;
}
