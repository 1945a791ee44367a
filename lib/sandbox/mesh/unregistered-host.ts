import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { DestinationServiceName } from './istio-metric-labels';
import { forwardableHeaders } from './http-headers';
import { localReplies, sendLocalReply } from './local-reply';
import { relayBody } from './message-io';
import type { MeshRuntime } from './mesh-runtime';
import type { MeshSnapshot } from './mesh-snapshot';
import type { ResponseFlag } from './response-flags';
import { propagationHeaderNames } from './trace-context';
import { callUpstream } from './upstream-call';

/**
 * What a sidecar does with a request for a host neither a Service nor a VirtualService holds, as
 * the mesh's `outboundTrafficPolicy` says: ALLOW_ANY forwards it where it was addressed
 * (Envoy's PassthroughCluster: an IP of a pod through the pod network, any other name or IP as it
 * is, DNS included); REGISTRY_ONLY answers 502 from BlackHoleCluster. Either way Istio reports
 * `destination_service` as the host and `destination_service_name` as the cluster's name.
 */
export interface UnregisteredHostResult {
  status: number;
  flags: ResponseFlag[];
  service: DestinationServiceName;
  cluster: string;
  operationHost: string;
  responseBytes: number;
  upstreamAddress?: string;
}

export const passthroughCluster = 'PassthroughCluster';
export const blackHoleCluster = 'BlackHoleCluster';

export interface UnregisteredHostRequest {
  authority: string;
  port: number;
  path: string;
  body: Buffer;
  /** The trace headers and request id this proxy forwards. */
  trace: Record<string, string>;
  requestId: string;
}

/** `host` of `host:port` (IPv6 in brackets kept without them). */
function hostOf(authority: string): string {
  const host = authority.replace(/:\d+$/, '');
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export async function answerUnregisteredHost(
  runtime: MeshRuntime,
  snapshot: MeshSnapshot,
  req: IncomingMessage,
  res: ServerResponse,
  request: UnregisteredHostRequest,
): Promise<UnregisteredHostResult> {
  const host = hostOf(request.authority);
  const operationHost = `${host}:${request.port}`;
  if (snapshot.outboundTrafficPolicy === 'REGISTRY_ONLY') {
    // Istio's `block_all` virtual host: a direct response, no upstream.
    return {
      status: 502,
      flags: [],
      service: { host, name: blackHoleCluster, namespace: 'unknown' },
      cluster: blackHoleCluster,
      operationHost,
      responseBytes: sendLocalReply(res, { status: 502, body: '' }),
    };
  }
  const service = { host, name: passthroughCluster, namespace: 'unknown' };
  const podPort = isIP(host) ? runtime.podNetwork.resolve(host, request.port) : undefined;
  const headers = forwardableHeaders(req.headers);
  for (const name of propagationHeaderNames) delete headers[name];
  Object.assign(headers, request.trace, {
    host: request.authority,
    'x-request-id': request.requestId,
  });
  const attempt = await callUpstream({
    host: podPort === undefined ? host : '127.0.0.1',
    port: podPort ?? request.port,
    method: req.method ?? 'GET',
    path: request.path,
    headers,
    body: request.body,
    agent: runtime.agent,
  });
  const base = {
    service,
    cluster: passthroughCluster,
    operationHost,
    upstreamAddress: `${host}:${request.port}`,
  };
  if (attempt.kind !== 'response') {
    const connect = attempt.kind === 'connect-failure';
    const reply = connect ? localReplies.connectFailure() : localReplies.reset();
    return {
      ...base,
      status: reply.status,
      flags: [connect ? 'UF' : 'UC'],
      responseBytes: sendLocalReply(res, reply),
    };
  }
  const response = attempt.response;
  res.writeHead(response.statusCode ?? 502, forwardableHeaders(response.headers));
  return {
    ...base,
    status: response.statusCode ?? 502,
    flags: [],
    responseBytes: await relayBody(response, res),
  };
}
