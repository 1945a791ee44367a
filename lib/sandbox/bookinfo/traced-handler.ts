/**
 * The request plumbing every Bookinfo service shares: a SERVER span per request (child of the
 * trace context the caller sent), outgoing calls as CLIENT spans that forward the trace headers,
 * an access log line, and a 500 instead of a dropped connection when a handler throws.
 */
import { SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  OutboundRequest,
  OutboundResponse,
  WorkloadHandler,
  WorkloadIo,
} from '../workloads/workload-app';
import { pathOf, sendJson } from './http-util';
import { extractParentContext, outgoingTraceHeaders, pickForwardedHeaders } from './trace-headers';

/** What a handler can do beyond answering: call upstream services inside the request's trace. */
export interface RequestScope {
  /** The request's span; handlers name their route on it. */
  span: Span;
  /** The headers this request forwards (before trace rewriting), e.g. to read `end-user`. */
  forwarded: Record<string, string>;
  /** Calls `url` as a CLIENT span under this request, forwarding the trace headers plus `headers`. */
  call(url: string, init?: OutboundRequest): Promise<OutboundResponse>;
}

export type ScopedHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  scope: RequestScope,
) => Promise<void> | void;

function clientCall(io: WorkloadIo, parent: Context, forwarded: Record<string, string>) {
  return async (url: string, init: OutboundRequest = {}): Promise<OutboundResponse> => {
    const method = init.method ?? 'GET';
    const target = new URL(url);
    const span = io.tracer.startSpan(
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'url.full': url,
          'server.address': target.hostname,
          'server.port': Number(target.port || 80),
        },
      },
      parent,
    );
    const parentSpanId = trace.getSpanContext(parent)?.spanId;
    const headers = {
      ...outgoingTraceHeaders(forwarded, span.spanContext(), parentSpanId),
      ...init.headers,
    };
    try {
      const response = await io.fetch(url, { ...init, method, headers });
      span.setAttributes({
        'http.response.status_code': response.status,
        'http.status_code': response.status,
      });
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return response;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  };
}

/**
 * Wraps a service's routes. `/health` is answered untraced and unlogged: the kubelet's probes would
 * otherwise fill the trace store and the log with noise nobody asked for.
 */
export function tracedHandler(
  io: WorkloadIo,
  handle: ScopedHandler,
  health: (res: ServerResponse) => void,
): WorkloadHandler {
  return async (req, res) => {
    const path = pathOf(req);
    const method = req.method ?? 'GET';
    if (path === '/health') return health(res);
    const forwarded = pickForwardedHeaders(req.headers);
    const parent = extractParentContext(req.headers);
    const span = io.tracer.startSpan(
      `${method} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': method,
          'url.path': path,
          'user_agent.original': forwarded['user-agent'] ?? '',
          ...(forwarded['x-request-id'] ? { 'guid:x-request-id': forwarded['x-request-id'] } : {}),
        },
      },
      parent,
    );
    const scope: RequestScope = {
      span,
      forwarded,
      call: clientCall(io, trace.setSpan(parent, span), forwarded),
    };
    // 'close' also fires when the caller hangs up first, so the span always ends.
    res.once('close', () => {
      span.setAttributes({
        'http.response.status_code': res.statusCode,
        'http.status_code': res.statusCode,
      });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      io.log(
        `${req.socket.remoteAddress ?? '-'} "${method} ${req.url ?? '/'} HTTP/${req.httpVersion}" ${res.statusCode} ${res.getHeader('content-length') ?? '-'}`,
      );
    });
    try {
      await handle(req, res, scope);
    } catch (error) {
      io.log(`ERROR ${method} ${path}: ${(error as Error).stack ?? String(error)}`);
      span.recordException(error as Error);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' });
      else res.destroy();
    }
  };
}
