import type { RetryDecision } from '@/lib/domain/istio';

/**
 * Envoy's retry conditions (`x-envoy-retry-on` semantics) for the policies Istio writes. Istio
 * adds 503 to the retriable status codes of every route, and numeric entries of `retryOn` become
 * retriable status codes too.
 */
export type AttemptOutcome =
  | { kind: 'status'; status: number }
  | { kind: 'connect-failure' }
  | { kind: 'reset' }
  | { kind: 'per-try-timeout' };

const istioRetriableStatusCodes = [503];

/** Whether an attempt that ended this way may be retried under `retryOn`. */
export function isRetriable(retryOn: string, outcome: AttemptOutcome): boolean {
  const conditions = new Set(
    retryOn
      .split(',')
      .map((condition) => condition.trim())
      .filter(Boolean),
  );
  switch (outcome.kind) {
    case 'connect-failure':
      return (
        conditions.has('connect-failure') ||
        conditions.has('5xx') ||
        conditions.has('gateway-error') ||
        conditions.has('reset')
      );
    case 'reset':
      return conditions.has('reset') || conditions.has('5xx');
    case 'per-try-timeout':
      return conditions.has('5xx') || conditions.has('gateway-error');
    case 'status': {
      const status = outcome.status;
      if (conditions.has('5xx') && status >= 500) return true;
      if (conditions.has('gateway-error') && (status === 502 || status === 503 || status === 504))
        return true;
      if (conditions.has('retriable-4xx') && status === 409) return true;
      if (conditions.has(String(status))) return true;
      return conditions.has('retriable-status-codes') && istioRetriableStatusCodes.includes(status);
    }
  }
}

/** How many attempts a request gets: the first plus the retries. */
export function attemptsAllowed(retries: RetryDecision): number {
  return 1 + Math.max(0, retries.attempts);
}

/**
 * Back-off before a retry: Envoy's 25 ms base interval, doubling, capped at 250 ms. Envoy draws
 * a fully jittered delay below that bound; the sandbox waits the bound itself, so no routing draw
 * is spent on it and seeded runs stay reproducible.
 */
export function retryBackoffMs(retryNumber: number): number {
  return Math.min(250, 25 * 2 ** Math.max(0, retryNumber - 1));
}
