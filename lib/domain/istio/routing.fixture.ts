import { loadBookinfoSample, type BookinfoSample } from './bookinfo-networking.fixture';
import type {
  DestinationRule,
  HTTPRoute,
  MeshRequest,
  RoutingConfig,
  RoutingDecision,
  ServiceRef,
  VirtualService,
  VirtualServiceSpec,
} from './types';

/** Test helpers shared by the routing tests: requests, configurations and one-line decisions. */

export const bookinfoServices: ServiceRef[] = ['productpage', 'details', 'reviews', 'ratings'].map(
  (name) => ({
    name,
    namespace: 'default',
    ports: [9080],
  }),
);

/** A request from productpage v1 (namespace `default`) to reviews, unless overridden. */
export function meshRequest(overrides: Partial<MeshRequest> = {}): MeshRequest {
  return {
    host: 'reviews:9080',
    port: 9080,
    method: 'GET',
    scheme: 'http',
    path: '/reviews/0',
    headers: {},
    sourceLabels: { app: 'productpage', version: 'v1' },
    sourceNamespace: 'default',
    gateway: 'mesh',
    ...overrides,
  };
}

/** A request entering through Bookinfo's ingress gateway. */
export function gatewayRequest(overrides: Partial<MeshRequest> = {}): MeshRequest {
  return meshRequest({
    host: 'bookinfo.example.com',
    port: 8080,
    path: '/productpage',
    sourceLabels: { istio: 'ingressgateway' },
    sourceNamespace: 'istio-system',
    gateway: 'default/bookinfo-gateway',
    ...overrides,
  });
}

/** Parsed once: tables build many configurations. */
const bookinfoDestinationRules = loadBookinfoSample('destination-rule-all').destinationRules;

/** Bookinfo's DestinationRules plus the VirtualServices (and Gateway) of the given samples. */
export function bookinfoConfig(...samples: BookinfoSample[]): RoutingConfig {
  const destinationRules = bookinfoDestinationRules;
  const virtualServices = samples.flatMap((sample) => loadBookinfoSample(sample).virtualServices);
  return { virtualServices, destinationRules, services: bookinfoServices };
}

export function virtualService(
  name: string,
  spec: VirtualServiceSpec,
  metadata: Partial<VirtualService['metadata']> = {},
): VirtualService {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: 'default', ...metadata },
    spec,
  };
}

/** A VirtualService for `reviews` with the given rules. */
export function reviewsWith(...http: HTTPRoute[]): VirtualService {
  return virtualService('reviews', { hosts: ['reviews'], http });
}

/** A route rule to one reviews subset. */
export function toReviews(subset: string, rule: Omit<HTTPRoute, 'route'> = {}): HTTPRoute {
  return { ...rule, route: [{ destination: { host: 'reviews', subset } }] };
}

export function destinationRule(
  host: string,
  subsets: string[],
  namespace = 'default',
): DestinationRule {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: host.split('.')[0] ?? host, namespace },
    spec: { host, subsets: subsets.map((name) => ({ name, labels: { version: name } })) },
  };
}

/** Bookinfo's DestinationRules and services with the given VirtualServices. */
export function configWith(...virtualServices: VirtualService[]): RoutingConfig {
  return { ...bookinfoConfig(), virtualServices };
}

/** A random source that always answers `value`: weighted picks become deterministic. */
export function constantRandom(value: number): () => number {
  return () => value;
}

/**
 * A decision in one line for tables: `reviews/v2` (service/subset), `reviews` (no subset),
 * `404 NR`, `503 NC`, `redirect 301 <location>`, `direct 418`.
 */
export function describeDecision(decision: RoutingDecision): string {
  switch (decision.kind) {
    case 'route': {
      const where = decision.destination.service?.name ?? decision.destination.host;
      return decision.destination.subset ? `${where}/${decision.destination.subset}` : where;
    }
    case 'no-route':
      return '404 NR';
    case 'no-cluster':
      return '503 NC';
    case 'redirect':
      return `redirect ${decision.status} ${decision.location}`;
    case 'direct-response':
      return `direct ${decision.status}`;
  }
}
