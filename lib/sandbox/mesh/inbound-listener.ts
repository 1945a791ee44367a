import { randomUUID } from 'node:crypto';
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { serviceAddressedBy } from '@/lib/domain/istio';
import { envoySpan } from './envoy-span';
import { forwardableHeaders } from './http-headers';
import { requestLabels, type DestinationServiceName } from './istio-metric-labels';
import { localReplies, sendLocalReply } from './local-reply';
import { nowMs, relayBody } from './message-io';
import type { MeshRuntime } from './mesh-runtime';
import type { MeshSnapshot } from './mesh-snapshot';
import {
  decodePeerMetadata,
  peerMetadataHeader,
  peerMetadataIdHeader,
  unknownPeer,
} from './peer-metadata';
import { recordRequest } from './request-metrics';
import { formatResponseFlags } from './response-flags';
import {
  newSpanId,
  newTraceId,
  parseTraceContext,
  propagationHeaderNames,
  propagationHeaders,
} from './trace-context';
import { handleInboundTcp, tcpServiceOfPort } from './tcp-inbound';
import { serviceNameOf } from './upstream-cluster';
import type { WorkloadIdentity } from './workload-identity';

/**
 * A sidecar's inbound side: every request the mesh sends to the pod arrives here, goes on to the
 * application on its loopback port, and is reported as reporter="destination" with a SERVER span
 * whose parent is the caller's span.
 */
export interface InboundListenerOptions {
  runtime: MeshRuntime;
  identity: WorkloadIdentity;
  /** The loopback port the application listens on. */
  appPort: number;
  /** The container port the mesh addresses (`inbound|<port>||`). */
  containerPort: number;
}

/**
 * The Service the request was meant for: the one its authority names from the caller's namespace,
 * else (a shadow copy, a direct call by IP) one in the pod's namespace that selects the pod.
 */
function destinationService(
  snapshot: MeshSnapshot,
  authority: string,
  callerNamespace: string,
  identity: WorkloadIdentity,
): DestinationServiceName {
  const addressed = serviceAddressedBy(authority, callerNamespace, snapshot.routing.services ?? []);
  if (addressed) return serviceNameOf(`${addressed.name}.${addressed.namespace}.svc.cluster.local`);
  for (const service of snapshot.services.values()) {
    const selector = service.spec.selector ?? {};
    if (service.metadata.namespace !== identity.namespace || Object.keys(selector).length === 0)
      continue;
    if (Object.entries(selector).every(([name, value]) => identity.labels[name] === value)) {
      return serviceNameOf(`${service.metadata.name}.${identity.namespace}.svc.cluster.local`);
    }
  }
  return {
    host: authority.replace(/:\d+$/, ''),
    name: identity.workload,
    namespace: identity.namespace,
  };
}

function handleInbound(
  options: InboundListenerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const { runtime, identity } = options;
  const startMs = nowMs();
  const snapshot = runtime.config.snapshot();
  const peer =
    decodePeerMetadata(req.headers[peerMetadataHeader]) ??
    unknownPeer(req.socket.remoteAddress ?? '');
  const incoming = parseTraceContext(req.headers);
  const traceId = incoming?.traceId ?? newTraceId();
  const spanId = newSpanId();
  const sampled = incoming?.sampled ?? true;
  const headers = forwardableHeaders(req.headers);
  delete headers[peerMetadataHeader];
  delete headers[peerMetadataIdHeader];
  for (const name of propagationHeaderNames) delete headers[name];
  const requestIdHeader = req.headers['x-request-id'];
  const requestId =
    (Array.isArray(requestIdHeader) ? requestIdHeader[0] : requestIdHeader) || randomUUID();
  Object.assign(headers, propagationHeaders(traceId, spanId, incoming?.parentSpanId, sampled), {
    'x-request-id': requestId,
  });
  let requestBytes = 0;
  req.on('data', (chunk: Buffer) => (requestBytes += chunk.length));

  const finish = (status: number, flags: string, responseBytes: number) => {
    const endMs = nowMs();
    const authority = req.headers.host ?? '';
    const service = destinationService(snapshot, authority, peer.namespace, identity);
    recordRequest(
      runtime.metrics,
      requestLabels({
        reporter: 'destination',
        source: peer,
        destination: identity,
        service,
        responseCode: status,
        responseFlags: flags,
      }),
      { durationMs: endMs - startMs, requestBytes, responseBytes },
    );
    if (!sampled) return;
    runtime.spanSink.export([
      envoySpan({
        proxy: identity,
        kind: 'SERVER',
        traceId,
        spanId,
        ...(incoming?.parentSpanId ? { parentSpanId: incoming.parentSpanId } : {}),
        operation: `${service.host}:${options.containerPort}/*`,
        startMs,
        endMs,
        method: req.method ?? 'GET',
        url: `http://${authority}${req.url ?? '/'}`,
        statusCode: status,
        responseFlags: flags,
        upstreamCluster: `inbound|${options.containerPort}||`,
        upstreamAddress: `${identity.podIP}:${options.containerPort}`,
        peerAddress: peer.podIP,
        requestId,
        requestBytes,
        responseBytes,
        ...(typeof req.headers['user-agent'] === 'string'
          ? { userAgent: req.headers['user-agent'] }
          : {}),
      }),
    ]);
  };

  const toApp = request(
    {
      host: '127.0.0.1',
      port: options.appPort,
      method: req.method,
      path: req.url,
      headers,
      agent: runtime.agent,
    },
    (response) => {
      res.writeHead(response.statusCode ?? 502, forwardableHeaders(response.headers));
      relayBody(response, res).then(
        (bytes) => finish(response.statusCode ?? 502, '-', bytes),
        runtime.onError,
      );
    },
  );
  toApp.on('error', () => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    finish(503, formatResponseFlags(['UF']), sendLocalReply(res, localReplies.connectFailure()));
  });
  req.pipe(toApp);
}

/**
 * Starts the inbound listener on a free loopback port: each connection is TCP when a Service of
 * the pod declares its container port so (relayed as bytes), else HTTP.
 */
export async function startInboundListener(
  options: InboundListenerOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const http = createServer((req, res) => {
    try {
      handleInbound(options, req, res);
    } catch (error) {
      options.runtime.onError(error);
      if (!res.headersSent) sendLocalReply(res, localReplies.connectFailure());
    }
  });
  // Every connection, HTTP or TCP, is tracked here: an HTTP server that never listened itself
  // does not track the connections handed to it, so closeAllConnections would miss them.
  const connections = new Set<Socket>();
  const front = createNetServer((socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    const { runtime, identity, containerPort, appPort } = options;
    const service = tcpServiceOfPort(runtime.config.snapshot(), identity, containerPort);
    if (!service) {
      http.emit('connection', socket);
      return;
    }
    handleInboundTcp(runtime, identity, appPort, service, socket).catch(runtime.onError);
  });
  const port = await listenOnLoopback(front);
  return {
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      for (const socket of connections) socket.destroy();
      await closed;
    },
  };
}

/** Listens on 127.0.0.1 (port 0 picks a free one) and resolves with the port. */
export function listenOnLoopback(server: Server | NetServer, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Closes a server and every connection it holds. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
