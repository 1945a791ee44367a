/** What a request path addresses, parsed the way kube-apiserver's RequestInfoFactory does. */
export type RequestTarget =
  | { kind: 'version' }
  | { kind: 'health'; path: string }
  | { kind: 'core-root' }
  | { kind: 'groups-root' }
  | { kind: 'group'; group: string }
  | { kind: 'group-version'; group: string; version: string }
  | { kind: 'openapi-v2' }
  | { kind: 'openapi-v3' }
  | {
      kind: 'resource';
      group: string;
      version: string;
      /** "" when the request is not namespaced (cluster-scoped resources, or all namespaces). */
      namespace: string;
      resource: string;
      name?: string;
      subresource?: string;
    }
  | { kind: 'unknown' };

/** Subresources of a namespace object, addressed as /api/v1/namespaces/NAME/SUB. */
const namespaceSubresources = new Set(['status', 'finalize']);

export function parseRequestPath(pathname: string): RequestTarget {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { kind: 'unknown' };
  const [head] = parts;
  if (head === 'version' && parts.length === 1) return { kind: 'version' };
  if (['healthz', 'livez', 'readyz'].includes(head!)) return { kind: 'health', path: pathname };
  if (head === 'openapi') {
    if (parts[1] === 'v2' && parts.length === 2) return { kind: 'openapi-v2' };
    if (parts[1] === 'v3') return { kind: 'openapi-v3' };
    return { kind: 'unknown' };
  }
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (head === 'api') {
    if (parts.length === 1) return { kind: 'core-root' };
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (head === 'apis') {
    if (parts.length === 1) return { kind: 'groups-root' };
    if (parts.length === 2) return { kind: 'group', group: parts[1]! };
    group = parts[1]!;
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { kind: 'unknown' };
  }
  if (!version) return { kind: 'unknown' };
  if (rest.length === 0) return { kind: 'group-version', group, version };

  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 2) {
    namespace = rest[1]!;
    if (rest.length > 2 && !namespaceSubresources.has(rest[2]!)) rest = rest.slice(2);
    else {
      // The namespace object itself (or its status/finalize): resource "namespaces", name = namespace.
      return {
        kind: 'resource',
        group,
        version,
        namespace,
        resource: 'namespaces',
        name: namespace,
        subresource: rest[2],
      };
    }
  }
  const [resource, name, subresource, ...extra] = rest;
  if (!resource || extra.length > 0) return { kind: 'unknown' };
  return { kind: 'resource', group, version, namespace, resource, name, subresource };
}
