import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-body';
import { answerV1, v1Error } from './jaeger-v1-api';
import { answerV3, v3Error } from './jaeger-v3-api';
import type { TraceStore } from './trace-store';

export interface JaegerQueryHandlerOptions {
  /** Prefix every route is served under, e.g. "/jaeger" (Jaeger's --query.base-path); default none. */
  basePath?: string;
  /** The clock (ms), for searches and dependencies without explicit bounds. */
  now?: () => number;
}

/** The path below the base path, or undefined when the request is outside it. */
function pathBelow(basePath: string, pathname: string): string | undefined {
  if (basePath === '') return pathname;
  if (pathname === basePath || pathname.startsWith(`${basePath}/`))
    return pathname.slice(basePath.length);
  return undefined;
}

/**
 * A Node request handler serving Jaeger's query API (v1 `/api/*` and v3 `/api/v3/*`) over the
 * store, under an optional base path. GET only; unknown paths get 404 in the shape of the API
 * family they fall under.
 */
export function createJaegerQueryHandler(
  store: TraceStore,
  options: JaegerQueryHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  return (req, res) => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = pathBelow(basePath, url.pathname);
    const isV3 = path?.startsWith('/api/v3/') ?? false;
    const notFound = isV3
      ? v3Error(404, `unknown path ${url.pathname}`)
      : v1Error(404, `unknown path ${url.pathname}`);
    if (path === undefined) return sendJson(res, notFound.status, notFound.body);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET');
      const refused = isV3
        ? v3Error(405, 'method not allowed')
        : v1Error(405, 'method not allowed');
      return sendJson(res, refused.status, refused.body);
    }
    try {
      const result = isV3
        ? answerV3(store, path, url.searchParams)
        : answerV1(store, path, url.searchParams, now());
      const answer = result ?? notFound;
      sendJson(res, answer.status, answer.body);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = isV3 ? v3Error(500, message) : v1Error(500, message);
      sendJson(res, failed.status, failed.body);
    }
  };
}
