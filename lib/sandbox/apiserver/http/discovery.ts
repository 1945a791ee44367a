import type { ResourceRegistry } from '../registry/resource-registry';
import { groupVersion, type ResourceType } from '../registry/resource-type';

/** The exact content type of aggregated discovery v2; anything else makes kubectl ignore it. */
export const aggregatedDiscoveryType =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/**
 * Aggregated discovery is served only when the Accept header lists it with v=v2: kubectl 1.27-1.29
 * ask for v2beta1 only and treat a v2 answer as empty, so they get the legacy documents.
 */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((entry) => {
    const params = entry.split(';').map((p) => p.trim());
    return (
      params.includes('as=APIGroupDiscoveryList') &&
      params.includes('v=v2') &&
      params.includes('g=apidiscovery.k8s.io')
    );
  });
}

export const serverVersion = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4-aviary-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-01T00:00:00Z',
  goVersion: 'go1.22.10',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const serverAddress = [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }];

export function apiVersions() {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: serverAddress };
}

function groupEntry(name: string, versions: string[]) {
  const list = versions.map((v) => ({ groupVersion: groupVersion(name, v), version: v }));
  return { name, versions: list, preferredVersion: list[0] };
}

export function apiGroupList(registry: ResourceRegistry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .filter((g) => g.name !== '')
      .map((g) => groupEntry(g.name, g.versions)),
  };
}

export function apiGroup(registry: ResourceRegistry, group: string) {
  const found = registry.groups().find((g) => g.name === group && group !== '');
  return found
    ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(found.name, found.versions) }
    : undefined;
}

function typesServing(registry: ResourceRegistry, group: string, version: string): ResourceType[] {
  return registry
    .all()
    .filter((t) => t.group === group && t.versions.some((v) => v.name === version && v.served));
}

const subresourceVerbs = ['get', 'patch', 'update'];

/** The legacy APIResourceList of one group-version, subresources as separate "res/sub" entries. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string) {
  const types = typesServing(registry, group, version);
  if (types.length === 0) return undefined;
  const resources = types.flatMap((t) => {
    const v = t.versions.find((x) => x.name === version)!;
    const main = {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
      storageVersionHash: storageVersionHash(t),
    };
    const subs: object[] = [];
    if (v.subresources.status)
      subs.push({
        name: `${t.plural}/status`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: subresourceVerbs,
      });
    if (t.extraSubresources.includes('scale')) {
      subs.push({
        name: `${t.plural}/scale`,
        singularName: '',
        namespaced: t.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: subresourceVerbs,
      });
    }
    if (t.extraSubresources.includes('log'))
      subs.push({
        name: `${t.plural}/log`,
        singularName: '',
        namespaced: true,
        kind: 'Pod',
        verbs: ['get'],
      });
    return [main, ...subs];
  });
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version),
    resources,
  };
}

/** Aggregated discovery (apidiscovery.k8s.io/v2) for /api (core only) or /apis (every group). */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean) {
  const groups = registry.groups().filter((g) => (core ? g.name === '' : g.name !== ''));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((g) => ({
      metadata: { name: g.name },
      versions: g.versions.map((version) => ({
        version,
        freshness: 'Current',
        resources: typesServing(registry, g.name, version).map((t) => {
          const v = t.versions.find((x) => x.name === version)!;
          const subresources: object[] = [];
          if (v.subresources.status)
            subresources.push({
              subresource: 'status',
              responseKind: { group: t.group, version, kind: t.kind },
              verbs: subresourceVerbs,
            });
          if (t.extraSubresources.includes('scale'))
            subresources.push({
              subresource: 'scale',
              responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
              verbs: subresourceVerbs,
            });
          if (t.extraSubresources.includes('log'))
            subresources.push({
              subresource: 'log',
              responseKind: { group: '', version: 'v1', kind: 'Pod' },
              verbs: ['get'],
            });
          return {
            resource: t.plural,
            responseKind: { group: t.group, version, kind: t.kind },
            scope: t.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: t.singular,
            verbs: t.verbs,
            ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
            ...(t.categories.length ? { categories: t.categories } : {}),
            ...(subresources.length ? { subresources } : {}),
          };
        }),
      })),
    })),
  };
}

/** A stable hash of what a resource stores, which clients use only to notice changes. */
function storageVersionHash(type: ResourceType): string {
  const text = `${type.group}/${type.versions.find((v) => v.storage)?.name ?? type.versions[0]!.name}/${type.kind}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return Buffer.from(h.toString(16).padStart(8, '0')).toString('base64').slice(0, 11);
}

/** The minimal OpenAPI v2 document (gnostic protobuf of {swagger: "2.0"}) that lets kubectl validate. */
export const openApiV2Body = Buffer.from([0x0a, 0x03, 0x32, 0x2e, 0x30]);
export const openApiV2ContentType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
