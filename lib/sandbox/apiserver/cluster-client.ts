import type { KubeObject, ResourceRef, WatchEvent } from './types';

/**
 * How code inside the sandbox process (its controllers, the pod runtime, the demo seed) talks to
 * the API server: the same storage, validation, admission and watch path as an HTTP request, minus
 * the transport. Calls act as the sandbox itself (system:masters); errors are thrown as ApiError
 * exactly as the HTTP API would answer them (404 NotFound, 409 Conflict, 422 Invalid, ...).
 *
 * Namespaced resources take `namespace`; cluster-scoped ones ignore it.
 */
export interface ClusterClient {
  get(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined;

  list(ref: ResourceRef, options?: ListOptions): { items: KubeObject[]; resourceVersion: string };

  /** Creates `object` (its metadata.namespace, or `namespace`, for namespaced kinds). */
  create(ref: ResourceRef, object: KubeObject, options?: WriteOptions): KubeObject;

  /**
   * Replaces the object (PUT). A metadata.resourceVersion in `object` is a precondition: a stale one
   * throws 409 Conflict. With `subresource: 'status'` only the status is written.
   */
  update(
    ref: ResourceRef,
    object: KubeObject,
    options?: WriteOptions & { subresource?: 'status' },
  ): KubeObject;

  patch(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType,
    options?: WriteOptions & { subresource?: 'status'; force?: boolean },
  ): KubeObject;

  /** Deletes as DELETE does: finalizers delay removal, dependents follow the propagation policy. */
  delete(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    options?: DeleteOptions,
  ): KubeObject | undefined;

  /**
   * Streams changes after `resourceVersion` (or, without one, ADDED for every current object first).
   * Events arrive asynchronously and in resourceVersion order, never inside the write that caused
   * them, so a handler may write without re-entering itself. Returns the function that stops it.
   */
  watch(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent) => void): () => void;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
  resourceVersion?: string;
}

export interface WriteOptions {
  namespace?: string;
  /** Recorded in managedFields; defaults to "aviary-sandbox". */
  fieldManager?: string;
  dryRun?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** The resources the sandbox's own controllers use, spelled once. */
export const resources = {
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  pods: { group: '', version: 'v1', resource: 'pods' },
  services: { group: '', version: 'v1', resource: 'services' },
  endpoints: { group: '', version: 'v1', resource: 'endpoints' },
  configmaps: { group: '', version: 'v1', resource: 'configmaps' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
  serviceaccounts: { group: '', version: 'v1', resource: 'serviceaccounts' },
  events: { group: '', version: 'v1', resource: 'events' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' },
  customresourcedefinitions: {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    resource: 'customresourcedefinitions',
  },
  roles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' },
  rolebindings: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings' },
  clusterroles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
  clusterrolebindings: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resource: 'clusterrolebindings',
  },
} as const satisfies Record<string, ResourceRef>;
