import type { JsonValue } from '../types';

/** One printer column, as a CRD's additionalPrinterColumns declares it. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** A served version of a resource. Built-in resources have one; CRDs may have several. */
export interface ResourceVersion {
  name: string;
  served: boolean;
  storage: boolean;
  /** The structural schema of a custom resource version (undefined for built-ins). */
  schema?: Record<string, JsonValue>;
  printerColumns?: PrinterColumn[];
  /** A custom resource version's `selectableFields` paths (`.spec.color`), for field selectors. */
  selectableFields?: string[];
  subresources: { status: boolean; scale?: ScaleSubresource };
}

/**
 * Everything the server knows about one resource: how it is addressed, how it is stored, and
 * what it may do. Built-in resources are declared in builtin-resources.ts; custom resources are
 * derived from their CustomResourceDefinition.
 */
export interface ResourceType {
  group: string;
  /** Served versions in preference order (the first is the preferred version). */
  versions: ResourceVersion[];
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  /** Custom resources differ from built-ins: no strategic merge patch, PUT needs a resourceVersion. */
  custom: boolean;
  /** Extra subresources served by the built-in kind (pods/log, deployments/scale as autoscaling/v1). */
  extraSubresources: string[];
  verbs: string[];
}

export const allVerbs = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The key a resource is stored under, whatever version a client speaks: "apps/deployments". */
export function storageKey(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${type.group}/${type.plural}`;
}

export function findVersion(type: ResourceType, version: string): ResourceVersion | undefined {
  return type.versions.find((v) => v.name === version && v.served);
}

export function hasStatusSubresource(type: ResourceType, version: string): boolean {
  return findVersion(type, version)?.subresources.status ?? false;
}
