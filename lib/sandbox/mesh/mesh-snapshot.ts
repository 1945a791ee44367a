import type {
  DestinationRule,
  Gateway,
  RoutingConfig,
  ServiceRef,
  VirtualService,
} from '@/lib/domain/istio';
import type { KubeObject } from '../apiserver/types';
import type { Endpoints, Service } from '../controllers/workload-types';
import {
  meshConfigMap,
  outboundTrafficPolicyOf,
  type OutboundTrafficPolicy,
} from './outbound-traffic-policy';
import { workloadIdentityOfPod, type WorkloadIdentity } from './workload-identity';

/**
 * One immutable view of the mesh: what every proxy routes a request against. A request takes the
 * snapshot current when it arrives and keeps it to the end (retries included), so a configuration
 * change never reaches a request half-way through.
 */
export interface MeshSnapshot {
  readonly routing: RoutingConfig;
  /** By `namespace/name`. */
  readonly services: ReadonlyMap<string, Service>;
  readonly endpoints: ReadonlyMap<string, Endpoints>;
  readonly pods: ReadonlyMap<string, KubeObject>;
  /** Pod identities by `namespace/name`, computed once per snapshot. */
  readonly identities: ReadonlyMap<string, WorkloadIdentity>;
  readonly namespaces: ReadonlyMap<string, KubeObject>;
  readonly gateways: readonly Gateway[];
  /** What sidecars do with a host the mesh does not know (the mesh config's, ALLOW_ANY by default). */
  readonly outboundTrafficPolicy: OutboundTrafficPolicy;
}

/** The objects a snapshot is made of, as the watches cache them. */
export interface MeshObjects {
  services: readonly KubeObject[];
  endpoints: readonly KubeObject[];
  pods: readonly KubeObject[];
  namespaces: readonly KubeObject[];
  virtualServices: readonly KubeObject[];
  destinationRules: readonly KubeObject[];
  gateways: readonly KubeObject[];
  /** ConfigMaps of istio-system: the mesh config is one of them. */
  configMaps?: readonly KubeObject[];
}

export const objectKeyOf = (namespace: string, name: string): string => `${namespace}/${name}`;

const keyOf = (object: KubeObject): string =>
  objectKeyOf(object.metadata.namespace ?? '', object.metadata.name ?? '');

function byKey<T extends KubeObject>(objects: readonly KubeObject[]): Map<string, T> {
  return new Map(objects.map((object) => [keyOf(object), object as T]));
}

/** Builds a snapshot; the objects are shared, never copied, and never mutated afterwards. */
export function buildMeshSnapshot(objects: MeshObjects): MeshSnapshot {
  const services = byKey<Service>(objects.services);
  const serviceRefs: ServiceRef[] = [...services.values()].map((service) => ({
    name: service.metadata.name ?? '',
    namespace: service.metadata.namespace ?? 'default',
    ports: (service.spec.ports ?? []).map((port) => port.port),
  }));
  const pods = byKey<KubeObject>(objects.pods);
  const identities = new Map(
    [...pods].map(([key, pod]) => [key, workloadIdentityOfPod(pod)] as const),
  );
  return {
    routing: {
      // The API server validated them against Istio's CRD schemas; their shape is Istio's.
      virtualServices: objects.virtualServices as unknown as VirtualService[],
      destinationRules: objects.destinationRules as unknown as DestinationRule[],
      services: serviceRefs,
    },
    services,
    endpoints: byKey<Endpoints>(objects.endpoints),
    pods,
    identities,
    namespaces: new Map(objects.namespaces.map((ns) => [ns.metadata.name ?? '', ns])),
    gateways: objects.gateways as unknown as Gateway[],
    outboundTrafficPolicy: outboundTrafficPolicyOf(
      objects.configMaps?.find(
        (configMap) =>
          configMap.metadata.namespace === meshConfigMap.namespace &&
          configMap.metadata.name === meshConfigMap.name,
      ),
    ),
  };
}
