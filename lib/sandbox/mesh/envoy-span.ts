import { unixNanosOf } from '../contracts/span-clock';
import type { AttributeValue, ResourceSpans, SpanRecord } from '../contracts/span-sink';
import type { WorkloadIdentity } from './workload-identity';

/**
 * One span as an Istio proxy reports it: kind SERVER on a sidecar's inbound side, CLIENT on its
 * outbound side and at a gateway (Envoy's egress operation), named after the host and port with
 * `/*` as Envoy's default operation, with the tags telemetry.md lists, under the resource
 * `service.name` `<canonical service>.<namespace>`.
 */
export interface EnvoySpanInput {
  proxy: WorkloadIdentity;
  kind: 'SERVER' | 'CLIENT';
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /** `reviews.ns.svc.cluster.local:9080/*` */
  operation: string;
  startMs: number;
  endMs: number;
  method: string;
  url: string;
  statusCode: number;
  responseFlags: string;
  upstreamCluster: string;
  upstreamAddress?: string;
  peerAddress: string;
  requestId: string;
  requestBytes: number;
  responseBytes: number;
  userAgent?: string;
}

/** The span, wrapped in its resource, ready for a SpanSink. */
export function envoySpan(input: EnvoySpanInput): ResourceSpans {
  const { proxy } = input;
  const failed = input.statusCode >= 500 || input.statusCode === 0;
  const attributes: Record<string, AttributeValue> = {
    node_id: input.proxy.nodeId,
    component: 'proxy',
    'guid:x-request-id': input.requestId,
    'http.url': input.url,
    'http.method': input.method,
    'http.protocol': 'HTTP/1.1',
    'http.status_code': String(input.statusCode),
    response_flags: input.responseFlags,
    response_size: String(input.responseBytes),
    request_size: String(input.requestBytes),
    upstream_cluster: input.upstreamCluster,
    'upstream_cluster.name': input.upstreamCluster,
    'peer.address': input.peerAddress,
    downstream_cluster: '-',
    'istio.canonical_service': proxy.canonicalService,
    'istio.canonical_revision': proxy.canonicalRevision,
    'istio.namespace': proxy.namespace,
    'istio.mesh_id': 'cluster.local',
    ...(input.upstreamAddress ? { upstream_address: input.upstreamAddress } : {}),
    ...(input.userAgent ? { user_agent: input.userAgent } : {}),
    ...(failed ? { error: true } : {}),
  };
  const span: SpanRecord = {
    traceId: input.traceId,
    spanId: input.spanId,
    ...(input.parentSpanId ? { parentSpanId: input.parentSpanId } : {}),
    name: input.operation,
    kind: input.kind,
    startTimeUnixNano: unixNanosOf(input.startMs),
    endTimeUnixNano: unixNanosOf(Math.max(input.endMs, input.startMs)),
    attributes,
    status: failed ? { code: 'ERROR' } : { code: 'UNSET' },
  };
  return {
    resource: {
      'service.name': `${proxy.canonicalService}.${proxy.namespace}`,
      'k8s.pod.name': proxy.podName,
      'k8s.namespace.name': proxy.namespace,
    },
    scope: { name: 'envoy' },
    spans: [span],
  };
}
