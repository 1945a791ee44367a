import 'server-only';
import { ApiException } from '@kubernetes/client-node';
import {
  statusOfCode,
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiIssue,
} from '@/lib/domain/api/api-error-schema';
import { AccountExistsError, AccountNotFoundError } from '../accounts/account-store';
import { AuthError } from '../auth/auth-service';
import { apiRefusal } from '../kube/api-error';
import { ReleaseError, ReleaseValidationError } from '../release/release-errors';

/** An answer other than success, thrown anywhere below a route handler and turned into the error shape. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return statusOfCode[this.code];
  }
}

const codeOfStatus: Record<number, ApiErrorCode> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  503: 'ClusterUnavailable',
};

/** Network failures reaching the API server: the cluster is unreachable, not the request wrong. */
function isUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      [
        'ECONNREFUSED',
        'ECONNRESET',
        'ETIMEDOUT',
        'EHOSTUNREACH',
        'ENOTFOUND',
        'EPIPE',
        'UND_ERR_SOCKET',
      ].includes(code)
    )
      return true;
    const type = (current as { type?: unknown }).type;
    if (type === 'system' || type === 'request-timeout') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Any error as the API's answer: ours as they are, the cluster's in its own words, the rest as 500. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ReleaseValidationError) {
    return new ApiError('Invalid', error.message, error.issues);
  }
  if (error instanceof ReleaseError) {
    return new ApiError(codeOfStatus[error.status] ?? 'Internal', error.message);
  }
  if (error instanceof AccountExistsError) return new ApiError('Conflict', error.message);
  if (error instanceof AccountNotFoundError) return new ApiError('NotFound', error.message);
  if (error instanceof AuthError) {
    if (error.code === 'TooManyRequests') {
      return new ApiError('TooManyRequests', error.message, undefined, {
        'retry-after': String(error.retryAfterSeconds ?? 1),
      });
    }
    return new ApiError(
      error.code === 'InvalidCredentials' ? 'Unauthorized' : 'ClusterUnavailable',
      error.message,
    );
  }
  if (error instanceof ApiException) {
    const refusal = apiRefusal(error);
    const status = refusal?.code ?? 500;
    if (status === 401) {
      return new ApiError(
        'Unauthorized',
        'the cluster no longer accepts this session: sign in again',
      );
    }
    const code = codeOfStatus[status];
    if (code) return new ApiError(code, refusal?.message ?? `the cluster answered ${status}`);
    if (status >= 500) {
      return new ApiError(
        'ClusterUnavailable',
        `the Kubernetes API answered ${status}: ${refusal?.message ?? ''}`.trim(),
      );
    }
  }
  if (isUnreachable(error)) {
    return new ApiError('ClusterUnavailable', 'the Kubernetes API server cannot be reached');
  }
  return new ApiError('Internal', 'the console failed to answer; its log says why');
}

export function errorResponse(error: ApiError): Response {
  const body: ApiErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
    },
  };
  return Response.json(body, {
    status: error.status,
    headers: { 'cache-control': 'no-store', ...error.headers },
  });
}
