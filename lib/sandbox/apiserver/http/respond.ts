import type { ServerResponse } from 'node:http';
import { ApiError, internalError } from '../errors';
import { objectJson } from '../store/json-cache';

export { objectJson };

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
  warnings: string[] = [],
): void {
  // Objects straight from the store carry their JSON already (see json-cache).
  const text =
    typeof body === 'string'
      ? body
      : typeof body === 'object' && body !== null
        ? objectJson(body)
        : JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-cache, private',
  };
  // RFC 7234 warning headers, the way kube-apiserver returns deprecation and field warnings.
  if (warnings.length > 0) headers.warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(text);
}

/** Answers with the Status of an ApiError, or a 500 InternalError for anything unexpected. */
export function sendError(res: ServerResponse, error: unknown): void {
  const apiError =
    error instanceof ApiError
      ? error
      : internalError(error instanceof Error ? error.message : String(error));
  if (!(error instanceof ApiError)) console.error('[sandbox] internal error:', error);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, apiError.code, apiError.toStatus());
}

/** The Status kube-apiserver answers for a successful delete of a virtual or already-gone object. */
export function successStatus(details: {
  name: string;
  group: string;
  kind: string;
  uid?: string;
}) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

/**
 * A list body built from each item's cached JSON. Stored objects are immutable, so their JSON is
 * computed once and reused by every later list: a list of 10,000 objects costs a string join
 * instead of 10,000 serializations.
 */
export function listJson(
  kind: string,
  apiVersion: string,
  metadata: object,
  items: object[],
): string {
  const parts = items.map(objectJson);
  return `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[${parts.join(',')}]}`;
}
