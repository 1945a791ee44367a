import type { KubeObject } from '../apiserver/types';

/** What a pod's sidecar gives its workload, as Istio's injected Envoy does. */
export interface AttachedSidecar {
  /** Where the mesh reaches the pod: traffic to podIP:containerPort arrives here first. */
  inboundPort: number;
  /**
   * Where the workload sends its outbound calls: an HTTP proxy on 127.0.0.1 (requests keep the
   * service as their Host, e.g. `reviews:9080`, as an app's calls to `http://reviews:9080/...` do).
   */
  outboundPort: number;
  /**
   * Where the workload connects for each TCP port of the mesh's Services (known when the sidecar
   * attached), by `name.namespace:port`: a loopback port that stands for the service port, as
   * Envoy's per-port outbound listeners do behind iptables.
   */
  tcpPorts?: ReadonlyMap<string, number>;
  detach(): Promise<void>;
}

/**
 * Injects sidecars. The workload runtime calls `attach` for every pod that gets one (namespace
 * label `istio-injection=enabled` or pod annotation `sidecar.istio.io/inject: "true"`), after its
 * application listens on `appPort`.
 */
export interface SidecarInjector {
  shouldInject(pod: KubeObject, namespace: KubeObject | undefined): boolean;
  attach(pod: KubeObject, appPort: number): Promise<AttachedSidecar>;
}
