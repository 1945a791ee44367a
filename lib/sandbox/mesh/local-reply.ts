import type { ServerResponse } from 'node:http';

/**
 * Envoy's own answers (no upstream response to forward): status and body text as Envoy writes
 * them, so an application sees what it would see behind a real sidecar.
 */
export interface LocalReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export const localReplies = {
  noRoute: (): LocalReply => ({ status: 404, body: '' }),
  noCluster: (): LocalReply => ({ status: 503, body: '' }),
  noHealthyUpstream: (): LocalReply => ({ status: 503, body: 'no healthy upstream' }),
  faultAbort: (status: number): LocalReply => ({ status, body: 'fault filter abort' }),
  connectFailure: (): LocalReply => ({
    status: 503,
    body: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
  }),
  reset: (): LocalReply => ({
    status: 503,
    body: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination',
  }),
  timeout: (): LocalReply => ({ status: 504, body: 'upstream request timeout' }),
};

/** Writes a local reply; resolves with the bytes of body sent. */
export function sendLocalReply(res: ServerResponse, reply: LocalReply): number {
  const body = Buffer.from(reply.body);
  res.writeHead(reply.status, {
    ...(body.length > 0 ? { 'content-type': 'text/plain' } : {}),
    'content-length': String(body.length),
    ...reply.headers,
  });
  res.end(body);
  return body.length;
}
