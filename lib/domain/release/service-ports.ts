/**
 * The ports of a Kubernetes Service as Istio classifies them: by `appProtocol`, else by the port
 * name's prefix (`http-web`, `grpc`, `tcp-db`), as Istio's protocol selection does.
 */

export interface ServicePort {
  port: number;
  protocol: 'http' | 'tcp';
}

const httpProtocols = ['http', 'http2', 'https', 'grpc', 'grpc-web', 'h2c'];

/** Istio's protocol of one Service port; unnamed ports are sniffed by Istio, and carry HTTP in practice here. */
export function portProtocol(port: {
  name?: string;
  appProtocol?: string;
  protocol?: string;
}): 'http' | 'tcp' {
  if (port.protocol && port.protocol !== 'TCP') return 'tcp';
  const declared = (port.appProtocol ?? port.name?.split('-')[0] ?? '').toLowerCase();
  if (declared === '' || httpProtocols.includes(declared)) return 'http';
  return 'tcp';
}

export function servicePorts(service: {
  spec?: { ports?: { port: number; name?: string; appProtocol?: string; protocol?: string }[] };
}): ServicePort[] {
  return (service.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: portProtocol(p) }));
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
