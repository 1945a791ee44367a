import type { JsonValue, KubeObject } from '../types';
import {
  allVerbs,
  type PrinterColumn,
  type ResourceType,
  type ResourceVersion,
} from './resource-type';

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: Record<string, JsonValue> };
  subresources?: {
    status?: object;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
  selectableFields?: Array<{ jsonPath: string }>;
}

interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: {
    plural: string;
    singular?: string;
    kind: string;
    listKind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions: CrdVersion[];
}

/**
 * What a CustomResourceDefinition serves. Versions keep the order Kubernetes uses for discovery
 * preference: by version priority (GA > beta > alpha, higher numbers first), as kube-apiserver sorts
 * them, which is why `kubectl get virtualservice` picks networking.istio.io/v1.
 */
export function resourceTypeFromCrd(crd: KubeObject): ResourceType {
  const spec = crd.spec as CrdSpec;
  const versions: ResourceVersion[] = spec.versions
    .map((v) => ({
      name: v.name,
      served: v.served !== false,
      storage: v.storage === true,
      schema: v.schema?.openAPIV3Schema,
      printerColumns: v.additionalPrinterColumns,
      selectableFields: v.selectableFields?.map((f) => f.jsonPath),
      subresources: { status: v.subresources?.status !== undefined, scale: v.subresources?.scale },
    }))
    .sort((a, b) => compareKubeVersions(a.name, b.name));
  return {
    group: spec.group,
    versions,
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    shortNames: spec.names.shortNames ?? [],
    categories: spec.names.categories ?? [],
    namespaced: spec.scope !== 'Cluster',
    custom: true,
    extraSubresources: versions.some((v) => v.subresources.scale) ? ['scale'] : [],
    verbs: allVerbs,
  };
}

const versionPattern = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * Kubernetes' version priority: v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > anything else
 * (alphabetical). Negative when `a` is preferred.
 */
export function compareKubeVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] | undefined => {
    const m = versionPattern.exec(v);
    if (!m) return undefined;
    const stability = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
    return [stability, Number(m[1]), m[3] === undefined ? 0 : Number(m[3])];
  };
  const ra = rank(a);
  const rb = rank(b);
  if (ra && rb) {
    if (ra[0] !== rb[0]) return rb[0] - ra[0];
    if (ra[1] !== rb[1]) return rb[1] - ra[1];
    return rb[2] - ra[2];
  }
  if (ra) return -1;
  if (rb) return 1;
  return a.localeCompare(b);
}
