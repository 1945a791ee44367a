import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import {
  routeRequest,
  serviceAddressedBy,
  type RouteDecision,
  type RoutingDecision,
} from '@/lib/domain/istio';
import { envoySpan } from './envoy-span';
import { forwardWithRetries } from './forward-with-retries';
import {
  applyHeaderOperations,
  forwardableHeaders,
  regexRewrittenPath,
  routingHeaders,
} from './http-headers';
import { requestLabels, type DestinationServiceName } from './istio-metric-labels';
import { localReplies, sendLocalReply, type LocalReply } from './local-reply';
import { nowMs, readBody, relayBody, sleep } from './message-io';
import type { MeshRuntime } from './mesh-runtime';
import type { MeshSnapshot } from './mesh-snapshot';
import { sendMirrors } from './mirror-traffic';
import { encodePeerMetadata } from './peer-metadata';
import { recordRequest } from './request-metrics';
import { formatResponseFlags, type ResponseFlag } from './response-flags';
import {
  newSpanId,
  newTraceId,
  parseTraceContext,
  propagationHeaderNames,
  propagationHeaders,
} from './trace-context';
import {
  clusterName,
  resolveUpstream,
  serviceNameOf,
  type UpstreamEndpoint,
} from './upstream-cluster';
import { answerUnregisteredHost } from './unregistered-host';
import type { WorkloadIdentity } from './workload-identity';

/**
 * The outbound half of a proxy, shared by sidecars and the ingress gateway: route the request
 * with THE routing function against one snapshot, inject faults, forward with retries and
 * timeout, mirror, answer, then report reporter="source" metrics and a CLIENT span.
 */
export interface OutboundTarget {
  /** The proxy's own workload (the caller's identity in routing and metrics). */
  identity: WorkloadIdentity;
  /** `mesh` for a sidecar, `<ns>/<name>` of the Gateway at the ingress gateway. */
  gateway: string;
  /** The authority the request addressed (`reviews:9080`). */
  authority: string;
  /** The port the caller addressed (service port, or the Gateway server's declared port). */
  port: number;
  /** Path and query. */
  path: string;
  /** The downstream peer for the span's `peer.address`. */
  peerAddress: string;
}

/** What happened to one request, whatever path it took. */
interface ExchangeResult {
  status: number;
  flags: ResponseFlag[];
  service: DestinationServiceName;
  cluster: string;
  operationHost: string;
  endpoint?: UpstreamEndpoint;
  /** Where a passthrough went (`upstream_address` when no endpoint of a cluster was reached). */
  upstreamAddress?: string;
  responseBytes: number;
}

function addressedService(snapshot: MeshSnapshot, target: OutboundTarget): DestinationServiceName {
  const service = serviceAddressedBy(
    target.authority,
    target.identity.namespace,
    snapshot.routing.services ?? [],
  );
  if (service) return serviceNameOf(`${service.name}.${service.namespace}.svc.cluster.local`);
  const host = target.authority.replace(/:\d+$/, '');
  return { host, name: host, namespace: 'unknown' };
}

function upstreamHeaders(
  req: IncomingMessage,
  decision: RouteDecision,
  target: OutboundTarget,
  trace: Record<string, string>,
  requestId: string,
): { headers: OutgoingHttpHeaders; path: string; authority: string } {
  const headers = forwardableHeaders(req.headers);
  for (const name of propagationHeaderNames) delete headers[name];
  const authority = decision.rewrite?.authority ?? target.authority;
  Object.assign(headers, trace, encodePeerMetadata(target.identity), {
    host: authority,
    'x-request-id': requestId,
    'x-forwarded-proto': 'http',
  });
  applyHeaderOperations(headers, decision.headers?.request);
  let path = decision.rewrite?.path ?? target.path;
  if (decision.rewrite?.uriRegexRewrite)
    path = regexRewrittenPath(path, decision.rewrite.uriRegexRewrite);
  return { headers, path, authority };
}

async function answerRoute(
  runtime: MeshRuntime,
  snapshot: MeshSnapshot,
  decision: RouteDecision,
  req: IncomingMessage,
  res: ServerResponse,
  target: OutboundTarget,
  body: Buffer,
  trace: Record<string, string>,
  requestId: string,
): Promise<ExchangeResult> {
  const destination = decision.destination;
  const cluster = resolveUpstream(snapshot, destination);
  const base = {
    service: cluster?.service ?? serviceNameOf(destination.host),
    cluster: clusterName(destination),
    operationHost: `${destination.host}:${destination.port}`,
  };
  const reply = (
    local: LocalReply,
    flags: ResponseFlag[],
    endpoint?: UpstreamEndpoint,
  ): ExchangeResult => ({
    ...base,
    status: local.status,
    flags,
    ...(endpoint ? { endpoint } : {}),
    responseBytes: sendLocalReply(res, local),
  });
  if (!cluster) return reply(localReplies.noCluster(), ['NC']);
  const flags: ResponseFlag[] = [];
  if (decision.fault?.delayMs !== undefined) {
    await sleep(decision.fault.delayMs);
    flags.push('DI');
  }
  if (decision.fault?.abortStatus !== undefined) {
    return reply(localReplies.faultAbort(decision.fault.abortStatus), [...flags, 'FI']);
  }
  const upstream = upstreamHeaders(req, decision, target, trace, requestId);
  const request = {
    method: req.method ?? 'GET',
    path: upstream.path,
    headers: upstream.headers,
    body,
  };
  sendMirrors(
    runtime,
    snapshot,
    decision.mirrors,
    { ...request, authority: upstream.authority },
    decision.timeoutMs,
  );
  if (cluster.endpoints.length === 0)
    return reply(localReplies.noHealthyUpstream(), [...flags, 'UH']);
  const started = nowMs();
  const forwarded = await forwardWithRetries(runtime, cluster, decision, request);
  if (forwarded.kind === 'failure')
    return reply(forwarded.reply, [...flags, ...forwarded.flags], forwarded.endpoint);
  const response = forwarded.response;
  const headers = forwardableHeaders(response.headers);
  applyHeaderOperations(headers, decision.headers?.response);
  headers['x-envoy-upstream-service-time'] = String(Math.round(nowMs() - started));
  res.writeHead(response.statusCode ?? 502, headers);
  return {
    ...base,
    status: response.statusCode ?? 502,
    flags: [...flags, ...forwarded.flags],
    endpoint: forwarded.endpoint,
    responseBytes: await relayBody(response, res),
  };
}

async function answer(
  runtime: MeshRuntime,
  snapshot: MeshSnapshot,
  decision: RoutingDecision,
  req: IncomingMessage,
  res: ServerResponse,
  target: OutboundTarget,
  body: Buffer,
  trace: Record<string, string>,
  requestId: string,
): Promise<ExchangeResult> {
  const addressed = () => {
    const service = addressedService(snapshot, target);
    return { service, cluster: '-', operationHost: `${service.host}:${target.port}` };
  };
  switch (decision.kind) {
    case 'route':
      return answerRoute(runtime, snapshot, decision, req, res, target, body, trace, requestId);
    case 'no-route':
      if (decision.unregisteredHost)
        return answerUnregisteredHost(runtime, snapshot, req, res, {
          authority: target.authority,
          port: target.port,
          path: target.path,
          body,
          trace,
          requestId,
        });
      return {
        ...addressed(),
        status: 404,
        flags: ['NR'],
        responseBytes: sendLocalReply(res, localReplies.noRoute()),
      };
    case 'no-cluster': {
      const where = decision.destination
        ? {
            service: serviceNameOf(decision.destination.host),
            cluster: clusterName(decision.destination),
            operationHost: `${decision.destination.host}:${decision.destination.port}`,
          }
        : addressed();
      return {
        ...where,
        status: 503,
        flags: ['NC'],
        responseBytes: sendLocalReply(res, localReplies.noCluster()),
      };
    }
    case 'redirect':
      return {
        ...addressed(),
        status: decision.status,
        flags: [],
        responseBytes: sendLocalReply(res, {
          status: decision.status,
          body: '',
          headers: { location: decision.location },
        }),
      };
    case 'direct-response':
      return {
        ...addressed(),
        status: decision.status,
        flags: [],
        responseBytes: sendLocalReply(res, { status: decision.status, body: decision.body ?? '' }),
      };
  }
}

/** Handles one request the proxy's application (or the gateway's client) sent out. */
export async function handleOutbound(
  runtime: MeshRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  target: OutboundTarget,
): Promise<void> {
  const startMs = nowMs();
  // One snapshot for the whole request, retries and mirrors included.
  const snapshot = runtime.config.snapshot();
  const body = await readBody(req);
  const requestIdHeader = req.headers['x-request-id'];
  const requestId =
    (Array.isArray(requestIdHeader) ? requestIdHeader[0] : requestIdHeader) || randomUUID();
  const incoming = parseTraceContext(req.headers);
  const traceId = incoming?.traceId ?? newTraceId();
  const spanId = newSpanId();
  const sampled = incoming?.sampled ?? true;
  const trace = propagationHeaders(traceId, spanId, incoming?.parentSpanId, sampled);
  const decision = routeRequest(
    {
      host: target.authority,
      port: target.port,
      method: req.method ?? 'GET',
      scheme: 'http',
      path: target.path,
      headers: { ...routingHeaders(req.headers), 'x-request-id': requestId },
      sourceLabels: target.identity.labels,
      sourceNamespace: target.identity.namespace,
      gateway: target.gateway,
    },
    snapshot.routing,
    runtime.random,
  );
  const result = await answer(
    runtime,
    snapshot,
    decision,
    req,
    res,
    target,
    body,
    trace,
    requestId,
  );
  const endMs = nowMs();
  const flags = formatResponseFlags(result.flags);
  const reached =
    result.endpoint && !result.flags.includes('UF') ? result.endpoint.identity : undefined;
  recordRequest(
    runtime.metrics,
    requestLabels({
      reporter: 'source',
      source: target.identity,
      destination: reached,
      service: result.service,
      responseCode: result.status,
      responseFlags: flags,
    }),
    { durationMs: endMs - startMs, requestBytes: body.length, responseBytes: result.responseBytes },
  );
  if (!sampled) return;
  runtime.spanSink.export([
    envoySpan({
      proxy: target.identity,
      kind: 'CLIENT',
      traceId,
      spanId,
      ...(incoming?.parentSpanId ? { parentSpanId: incoming.parentSpanId } : {}),
      operation: `${result.operationHost}/*`,
      startMs,
      endMs,
      method: req.method ?? 'GET',
      url: `http://${target.authority}${target.path}`,
      statusCode: result.status,
      responseFlags: flags,
      upstreamCluster: result.cluster,
      ...(result.endpoint
        ? { upstreamAddress: `${result.endpoint.podIP}:${result.endpoint.port}` }
        : result.upstreamAddress
          ? { upstreamAddress: result.upstreamAddress }
          : {}),
      peerAddress: target.peerAddress,
      requestId,
      requestBytes: body.length,
      responseBytes: result.responseBytes,
      ...(typeof req.headers['user-agent'] === 'string'
        ? { userAgent: req.headers['user-agent'] }
        : {}),
    }),
  ]);
}
