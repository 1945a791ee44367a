import type { ServerResponse } from 'node:http';
import { ApiError, internalError } from '../errors';

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', warnings: string[] = []): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
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
  const apiError = error instanceof ApiError ? error : internalError(error instanceof Error ? error.message : String(error));
  if (!(error instanceof ApiError)) console.error('[sandbox] internal error:', error);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, apiError.code, apiError.toStatus());
}

/** The Status kube-apiserver answers for a successful delete of a virtual or already-gone object. */
export function successStatus(details: { name: string; group: string; kind: string; uid?: string }) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}
