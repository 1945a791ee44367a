import type { OtlpTraceRequestJson } from './otlp-json-schema';

/** One span of the fixture: who emits it, its parent, and its timing relative to the request. */
interface HopSpan {
  service: string;
  id: string;
  parent?: string;
  name: string;
  kind: 2 | 3;
  offsetUs: number;
  durationUs: number;
  attributes: Record<string, string | number>;
}

function envoy(
  pod: string,
  version: string,
  cluster: string,
  status: number,
): Record<string, string | number> {
  return {
    node_id: `sidecar~10.1.0.${pod.length}~${pod}.demo-project~demo-project.svc.cluster.local`,
    upstream_cluster: cluster,
    'istio.canonical_revision': version,
    'istio.namespace': 'demo-project',
    'http.status_code': status,
    response_flags: '-',
    component: 'proxy',
    'peer.address': '10.1.0.9',
  };
}

/** Span ids of the fixture: 16 hex digits, the hop number in the last two. */
export const hopId = (hop: number): string => `00000000000000${hop.toString(16).padStart(2, '0')}`;

/**
 * The spans of one Bookinfo request through the mesh: ingress gateway -> productpage ->
 * details, and productpage -> reviews (v2) -> ratings, with a client span from the caller's
 * sidecar and a server span from the callee's sidecar on each hop. Resource `service.name` is
 * `<app>.<namespace>`, as Istio's sidecars name it.
 */
export function bookinfoTraceSpans(): HopSpan[] {
  const outbound = (service: string, subset: string) =>
    `outbound|9080|${subset}|${service}.demo-project.svc.cluster.local`;
  return [
    {
      service: 'istio-ingressgateway.istio-system',
      id: hopId(1),
      name: 'productpage.demo-project.svc.cluster.local:9080/productpage',
      kind: 3,
      offsetUs: 0,
      durationUs: 20_000,
      attributes: envoy('istio-ingressgateway-1', 'latest', outbound('productpage', 'v1'), 200),
    },
    {
      service: 'productpage.demo-project',
      id: hopId(2),
      parent: hopId(1),
      name: 'productpage.demo-project.svc.cluster.local:9080/productpage',
      kind: 2,
      offsetUs: 500,
      durationUs: 19_000,
      attributes: envoy('productpage-v1-a', 'v1', 'inbound|9080||', 200),
    },
    {
      service: 'productpage.demo-project',
      id: hopId(3),
      parent: hopId(2),
      name: 'details.demo-project.svc.cluster.local:9080/*',
      kind: 3,
      offsetUs: 1_000,
      durationUs: 3_000,
      attributes: envoy('productpage-v1-a', 'v1', outbound('details', 'v1'), 200),
    },
    {
      service: 'details.demo-project',
      id: hopId(4),
      parent: hopId(3),
      name: 'details.demo-project.svc.cluster.local:9080/*',
      kind: 2,
      offsetUs: 1_200,
      durationUs: 2_500,
      attributes: envoy('details-v1-a', 'v1', 'inbound|9080||', 200),
    },
    {
      service: 'productpage.demo-project',
      id: hopId(5),
      parent: hopId(2),
      name: 'reviews.demo-project.svc.cluster.local:9080/*',
      kind: 3,
      offsetUs: 5_000,
      durationUs: 12_000,
      attributes: envoy('productpage-v1-a', 'v1', outbound('reviews', 'v2'), 200),
    },
    {
      service: 'reviews.demo-project',
      id: hopId(6),
      parent: hopId(5),
      name: 'reviews.demo-project.svc.cluster.local:9080/*',
      kind: 2,
      offsetUs: 5_300,
      durationUs: 11_000,
      attributes: envoy('reviews-v2-a', 'v2', 'inbound|9080||', 200),
    },
    {
      service: 'reviews.demo-project',
      id: hopId(7),
      parent: hopId(6),
      name: 'ratings.demo-project.svc.cluster.local:9080/*',
      kind: 3,
      offsetUs: 6_000,
      durationUs: 8_000,
      attributes: envoy('reviews-v2-a', 'v2', outbound('ratings', 'v1'), 200),
    },
    {
      service: 'ratings.demo-project',
      id: hopId(8),
      parent: hopId(7),
      name: 'ratings.demo-project.svc.cluster.local:9080/*',
      kind: 2,
      offsetUs: 6_400,
      durationUs: 7_000,
      attributes: envoy('ratings-v1-a', 'v1', 'inbound|9080||', 200),
    },
  ];
}

/** The fixture as one OTLP/JSON export request, one ResourceSpans per service, starting at `startUs`. */
export function bookinfoTraceRequest(traceId: string, startUs: number): OtlpTraceRequestJson {
  const byService = new Map<string, HopSpan[]>();
  for (const span of bookinfoTraceSpans())
    byService.set(span.service, [...(byService.get(span.service) ?? []), span]);
  return {
    resourceSpans: [...byService].map(([service, spans]) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [
        {
          scope: { name: 'envoy' },
          spans: spans.map((span) => ({
            traceId,
            spanId: span.id,
            ...(span.parent ? { parentSpanId: span.parent } : {}),
            name: span.name,
            kind: span.kind,
            startTimeUnixNano: String(BigInt(startUs + span.offsetUs) * 1000n),
            endTimeUnixNano: String(BigInt(startUs + span.offsetUs + span.durationUs) * 1000n),
            attributes: Object.entries(span.attributes).map(([key, value]) => ({
              key,
              value:
                typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
            })),
            status: {},
          })),
        },
      ],
    })),
  };
}
