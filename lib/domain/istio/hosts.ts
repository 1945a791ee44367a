import { meshGateway, type ServiceRef } from './types';

/**
 * Host and gateway names the way Istio reads them. A short name (no dot) in a VirtualService or
 * DestinationRule means a service in the OBJECT's namespace; a short name in a request means a
 * service in the CALLER's namespace (the pod's DNS search path), and Envoy also answers for
 * `svc.ns` and `svc.ns.svc`.
 */

export const defaultClusterDomain = 'cluster.local';

/** The namespace an Istio object lives in; objects read without one are taken as `default`. */
export function objectNamespace(object: { metadata: { namespace?: string } }): string {
  return object.metadata.namespace || 'default';
}

/** The host part of an `:authority`, lower-cased, without port or trailing dot. */
export function hostWithoutPort(authority: string): string {
  let host = authority.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    host = end === -1 ? host : host.slice(0, end + 1);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1 && /^\d*$/.test(host.slice(colon + 1))) host = host.slice(0, colon);
  }
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/**
 * Resolves a host written in an Istio object to the name Istio uses for it: short names become
 * `name.<namespace>.svc.<domain>`; wildcards, FQDNs and external names stay as written.
 */
export function resolveConfigHost(
  host: string,
  namespace: string,
  clusterDomain = defaultClusterDomain,
): string {
  const name = host.trim().toLowerCase();
  if (name.includes('*') || name.includes('.')) return name;
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

/**
 * The names a request's authority can stand for, as the caller's proxy expands it: `reviews` from
 * a pod in `default` is `reviews.default.svc.cluster.local`; `reviews.default` may be service.namespace.
 */
export function requestHostNames(
  authority: string,
  callerNamespace: string,
  clusterDomain = defaultClusterDomain,
): string[] {
  const host = hostWithoutPort(authority);
  if (host.endsWith(`.svc.${clusterDomain}`)) return [host];
  if (host.endsWith('.svc')) return [`${host}.${clusterDomain}`];
  const labels = host.split('.');
  if (labels.length === 1) return [`${host}.${callerNamespace}.svc.${clusterDomain}`, host];
  if (labels.length === 2) return [`${host}.svc.${clusterDomain}`, host];
  return [host];
}

/** How specific a match is: Envoy prefers an exact domain, then the longest wildcard suffix, then `*`. */
export const exactHostScore = 1_000_000;

/**
 * Scores how well a resolved config host (possibly a wildcard) matches any of the request's names.
 * @returns -1 for no match; higher is more specific (exact beats `*.suffix`, which beats `*`).
 */
export function hostMatchScore(configHost: string, requestNames: readonly string[]): number {
  let best = -1;
  for (const name of requestNames) {
    if (configHost === name) return exactHostScore;
    if (configHost === '*') best = Math.max(best, 0);
    else if (configHost.startsWith('*')) {
      const suffix = configHost.slice(1);
      if (name.endsWith(suffix) && name.length > suffix.length)
        best = Math.max(best, suffix.length);
    }
  }
  return best;
}

/** The Kubernetes Service a cluster-local FQDN names (`reviews.default.svc.cluster.local`). */
export function serviceOfHost(
  host: string,
  clusterDomain = defaultClusterDomain,
): ServiceRef | undefined {
  const suffix = `.svc.${clusterDomain}`;
  if (!host.endsWith(suffix)) return undefined;
  const [name, namespace, ...rest] = host.slice(0, -suffix.length).split('.');
  if (!name || !namespace || rest.length > 0) return undefined;
  return { name, namespace };
}

/**
 * Resolves a gateway reference in a VirtualService to `namespace/name` (Istio's form): a bare
 * name is in the VirtualService's namespace; the legacy `name.namespace.svc...` form is accepted.
 */
export function resolveGatewayName(gateway: string, namespace: string): string {
  if (gateway === meshGateway || gateway.includes('/')) return gateway;
  if (gateway.includes('.')) {
    const [name, gatewayNamespace] = gateway.split('.');
    return `${gatewayNamespace}/${name}`;
  }
  return `${namespace}/${gateway}`;
}

/**
 * Whether a resolved gateway reference names the gateway a request came through. The request may
 * say `namespace/name`, or only `name` when the caller does not know the namespace.
 */
export function gatewayMatches(resolvedGateway: string, requestGateway: string): boolean {
  if (requestGateway === meshGateway || resolvedGateway === meshGateway)
    return resolvedGateway === requestGateway;
  if (requestGateway.includes('/')) return resolvedGateway === requestGateway;
  return resolvedGateway.slice(resolvedGateway.indexOf('/') + 1) === requestGateway;
}

/** The registered Service a request's authority addresses from the caller's namespace, if any. */
export function serviceAddressedBy(
  authority: string,
  callerNamespace: string,
  services: readonly ServiceRef[],
  clusterDomain = defaultClusterDomain,
): ServiceRef | undefined {
  const names = requestHostNames(authority, callerNamespace, clusterDomain);
  return services.find((service) =>
    names.includes(`${service.name}.${service.namespace}.svc.${clusterDomain}`),
  );
}
