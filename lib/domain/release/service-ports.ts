/**
 * The ports of a Kubernetes Service as Istio classifies them: by `appProtocol`, else by the port
 * name's prefix (`http-web`, `grpc`, `tcp-db`), as Istio's protocol selection does.
 */

export interface ServicePort {
  port: number;
  protocol: 'http' | 'tcp';
}

/**
 * Protocols Istio proxies without reading requests, so only `tcp` routes (weights, no content
 * rules) apply. `https` and `tls` are among them: the application's own TLS is opaque to the
 * proxy, and Istio never applies `http` routes to such ports (istio/istio#36528).
 */
const opaqueProtocols = ['tcp', 'https', 'tls', 'mongo', 'mysql', 'redis'];

/**
 * Istio's protocol of one Service port: `appProtocol`, else the name's prefix. A port without a
 * known protocol is sniffed by Istio, and `http` routes apply to what it detects as HTTP, which is
 * what such ports carry in practice here.
 */
export function portProtocol(port: { name?: string; appProtocol?: string }): 'http' | 'tcp' {
  const declared = (port.appProtocol ?? port.name?.split('-')[0] ?? '').toLowerCase();
  return opaqueProtocols.includes(declared) ? 'tcp' : 'http';
}

/** Istio proxies TCP only: a UDP or SCTP port cannot be routed, so no route is written for it. */
function isProxied(port: { protocol?: string }): boolean {
  return port.protocol === undefined || port.protocol === 'TCP';
}

export function servicePorts(service: {
  spec?: { ports?: { port: number; name?: string; appProtocol?: string; protocol?: string }[] };
}): ServicePort[] {
  return (service.spec?.ports ?? [])
    .filter(isProxied)
    .map((p) => ({ port: p.port, protocol: portProtocol(p) }));
}

/** Whether an Istio host names the Kubernetes Service `service` in `namespace` (short, partial or FQDN). */
export function hostIsService(host: string, service: string, namespace: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return [
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
  ].includes(h);
}
