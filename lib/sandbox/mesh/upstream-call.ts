import { request, type Agent, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';

/**
 * One attempt of a proxied request to a loopback port: resolves with the response once its
 * headers arrive (the body is left to the caller to stream), or with how the attempt failed the
 * way Envoy distinguishes it (connection refused, reset before headers, per-try timeout).
 */
export type UpstreamAttempt =
  | { kind: 'response'; response: IncomingMessage }
  | { kind: 'connect-failure' }
  | { kind: 'reset' }
  | { kind: 'per-try-timeout' };

export interface UpstreamRequest {
  /** 127.0.0.1 (every pod and proxy listens on loopback) unless a passthrough names another host. */
  host?: string;
  port: number;
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  agent: Agent;
  /** Time allowed until response headers; undefined waits for ever. */
  timeoutMs?: number;
}

/**
 * Sends the attempt; a pooled keep-alive connection that the other side had already closed is
 * replaced by a fresh one once (the request never reached the application), as Envoy's
 * connection pool does, rather than surfacing as a reset.
 */
export async function callUpstream(upstream: UpstreamRequest): Promise<UpstreamAttempt> {
  const first = await sendOnce(upstream);
  if (first.kind === 'stale-connection') {
    const second = await sendOnce(upstream);
    return second.kind === 'stale-connection' ? { kind: 'reset' } : second;
  }
  return first;
}

function sendOnce(
  upstream: UpstreamRequest,
): Promise<UpstreamAttempt | { kind: 'stale-connection' }> {
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    const settle = (attempt: UpstreamAttempt | { kind: 'stale-connection' }) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(attempt);
    };
    const outgoing = request(
      {
        host: upstream.host ?? '127.0.0.1',
        port: upstream.port,
        method: upstream.method,
        path: upstream.path,
        headers: { ...upstream.headers, 'content-length': String(upstream.body.length) },
        agent: upstream.agent,
      },
      (response) => settle({ kind: 'response', response }),
    );
    const timer =
      upstream.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            settle({ kind: 'per-try-timeout' });
            outgoing.destroy();
          }, upstream.timeoutMs);
    outgoing.on('socket', (socket) => {
      // A pooled socket is connected already; a fresh one reports when it is.
      if (!socket.connecting) connected = true;
      else socket.once('connect', () => (connected = true));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (outgoing.reusedSocket && !settled) {
        settle({ kind: 'stale-connection' });
        return;
      }
      const refused = error.code === 'ECONNREFUSED' || (!connected && error.code !== 'ECONNRESET');
      settle(refused ? { kind: 'connect-failure' } : { kind: 'reset' });
    });
    outgoing.end(upstream.body);
  });
}
