import type { z } from 'zod';
import {
  apiErrorSchema,
  type ApiErrorCode,
  type ApiIssue,
} from '@/lib/domain/api/api-error-schema';
import { pathOf, type Endpoint } from '@/lib/domain/api/endpoint';

/**
 * The browser's one way to call the console's API: the endpoint's path filled in, JSON both ways,
 * the answer checked against the endpoint's result schema, and every failure as an ApiClientError
 * in the API's error shape (a network failure included, as code `Offline`).
 */
export class ApiClientError extends Error {
  override name = 'ApiClientError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'Offline' | 'BadResponse',
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

type ResultOf<E> = E extends { result: infer R extends z.ZodType } ? z.infer<R> : undefined;
type BodyOf<E> = E extends { body: infer B extends z.ZodType } ? z.input<B> : undefined;

export interface CallOptions<E extends Endpoint> {
  params?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: BodyOf<E>;
  signal?: AbortSignal;
}

export async function apiFetch<E extends Endpoint>(
  e: E,
  options: CallOptions<E> = {},
): Promise<ResultOf<E>> {
  const url = new URL(pathOf(e, options.params), window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: e.method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiClientError(0, 'Offline', 'the console cannot be reached');
  }
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(await response.json().catch(() => undefined));
    if (parsed.success) {
      const { code, message, issues } = parsed.data.error;
      throw new ApiClientError(response.status, code, message, issues);
    }
    throw new ApiClientError(
      response.status,
      'BadResponse',
      `the console answered ${response.status}`,
    );
  }
  if (response.status === 204 || !e.result) return undefined as ResultOf<E>;
  const parsed = e.result.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiClientError(
      response.status,
      'BadResponse',
      'the console answered something unexpected',
    );
  }
  return parsed.data as ResultOf<E>;
}

export const isApiError = (
  error: unknown,
  code?: ApiClientError['code'],
): error is ApiClientError =>
  error instanceof ApiClientError && (code === undefined || error.code === code);
