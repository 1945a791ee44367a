import { ApiException } from '@kubernetes/client-node';

/**
 * What the API server said when it refused a request, out of client-node's ApiException, whose
 * own message is several lines of "HTTP-Code: ... Body: ... Headers: ..." meant for debugging.
 */
export interface ApiRefusal {
  code: number;
  /** The Status reason (Forbidden, NotFound, ...), when the body is a Status. */
  reason?: string;
  /** The Status message, else the body's text. */
  message: string;
  /** Status details: the name and kind a 404 or 409 is about ("" for a collection). */
  details?: { name?: string; group?: string; kind?: string };
}

export function apiRefusal(error: unknown): ApiRefusal | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const code = error.code as number;
  const body: unknown = error.body;
  const status = parseStatus(body);
  if (status) return { code, ...status };
  const text = typeof body === 'string' ? body.trim() : '';
  return { code, message: text || `HTTP ${code}` };
}

function parseStatus(body: unknown): Omit<ApiRefusal, 'code'> | undefined {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const status = value as { kind?: string; reason?: string; message?: string; details?: object };
  if (status.kind !== 'Status' || typeof status.message !== 'string') return undefined;
  return {
    ...(status.reason ? { reason: status.reason } : {}),
    message: status.message,
    ...(status.details ? { details: status.details as ApiRefusal['details'] } : {}),
  };
}

/** One line for logs: "404 NotFound: releasejobs.aviary.dev "x" not found", or the error's own message. */
export function describeApiError(error: unknown): string {
  const refusal = apiRefusal(error);
  if (refusal)
    return `${refusal.code}${refusal.reason ? ` ${refusal.reason}` : ''}: ${refusal.message}`;
  return error instanceof Error ? error.message : String(error);
}
