/**
 * Small helpers over object metadata shared by the controllers: cache keys, controller
 * ownerReferences, canonical JSON for comparisons and hashing.
 */
import type { KubeObject, OwnerReference } from '../apiserver/types';

/** "namespace/name" for namespaced objects, "name" for cluster-scoped ones, as client-go keys them. */
export function objectKey(object: Pick<KubeObject, 'metadata'>): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}

/** Splits a key made by {@link objectKey}. */
export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: undefined, name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The ownerReference a controller puts on what it creates: controller and blockOwnerDeletion set. */
export function controllerReference(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The ownerReference marked `controller: true`, if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** Whether `owner` is the controller of `object`, matched by uid as the garbage collector does. */
export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  const ref = controllerOf(object);
  return ref !== undefined && ref.uid === owner.metadata.uid;
}

/**
 * JSON with sorted keys and without null, undefined, empty objects or empty arrays: two objects
 * that mean the same thing to Kubernetes (a template stored with `creationTimestamp: null` or
 * `resources: {}`, one without) render the same, so template comparison and hashing are stable.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(prune(value)) ?? '';
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const pruned = prune((value as Record<string, unknown>)[key]);
      if (pruned !== undefined) out[key] = pruned;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

/** Deep equality in the sense of {@link canonicalJson}. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A deep copy of plain JSON data. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Milliseconds since the epoch for an RFC 3339 time, or NaN. */
export function timeMs(time: string | undefined): number {
  return time === undefined ? Number.NaN : Date.parse(time);
}

/** RFC 3339 with seconds precision in UTC, as Kubernetes writes timestamps. */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Drops the listed fields when they are 0, as Go's `omitempty` leaves them out of status on a
 * real cluster; a stored status then compares equal to a freshly computed one.
 */
export function omitZero<T extends object>(object: T, fields: (keyof T)[]): T {
  const out = { ...object };
  for (const field of fields) if (out[field] === 0) delete out[field];
  return out;
}
