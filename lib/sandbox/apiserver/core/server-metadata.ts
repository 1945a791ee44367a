import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../types';

/** RFC 3339 UTC at seconds precision, as Kubernetes writes timestamps. */
export function kubeTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const generateNameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix Kubernetes appends to generateName (no vowels, no confusable digits). */
export function generateNameSuffix(random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < 5; i += 1)
    out += generateNameAlphabet[Math.floor(random() * generateNameAlphabet.length)];
  return out;
}

/** Sets what the server owns on a new object: uid, creation time, generation. */
export function stampNewObject(object: KubeObject, now: Date): void {
  object.metadata.uid = randomUUID();
  object.metadata.creationTimestamp = kubeTimestamp(now);
  object.metadata.generation = 1;
  delete object.metadata.deletionTimestamp;
  delete object.metadata.deletionGracePeriodSeconds;
  delete object.metadata.resourceVersion;
}

/**
 * The parts of an object outside metadata and status: what `generation` counts changes of. As
 * kube-apiserver compares them (DeepEqual of the decoded objects), key order is no change: a
 * client that sends back a custom resource in its own order has not changed its spec.
 */
export function specPart(object: KubeObject, statusIsSubresource: boolean): string {
  const { metadata: _metadata, status, apiVersion: _apiVersion, kind: _kind, ...rest } = object;
  return canonicalJson(statusIsSubresource ? rest : { ...rest, status });
}

/**
 * Carries the server-owned metadata of `current` over to the incoming version of it, so clients
 * cannot change uid, creation time or generation, and bumps generation when the spec changed.
 */
export function carryServerMetadata(
  incoming: KubeObject,
  current: KubeObject,
  statusIsSubresource: boolean,
): void {
  const meta = incoming.metadata;
  meta.uid = current.metadata.uid;
  meta.creationTimestamp = current.metadata.creationTimestamp;
  meta.name = current.metadata.name;
  if (current.metadata.namespace !== undefined) meta.namespace = current.metadata.namespace;
  else delete meta.namespace;
  if (current.metadata.deletionTimestamp) {
    meta.deletionTimestamp = current.metadata.deletionTimestamp;
    meta.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
  } else {
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
  }
  const generation = current.metadata.generation ?? 1;
  meta.generation =
    specPart(incoming, statusIsSubresource) === specPart(current, statusIsSubresource)
      ? generation
      : generation + 1;
}

/**
 * True when storing `next` would change nothing but bookkeeping (resourceVersion, managedFields
 * timestamps). Kubernetes skips such writes: a repeated apply keeps the resourceVersion and
 * wakes no watcher.
 */
export function isNoOpWrite(current: KubeObject, next: KubeObject): boolean {
  const normalize = (o: KubeObject) =>
    canonicalJson({
      ...o,
      metadata: {
        ...o.metadata,
        resourceVersion: undefined,
        managedFields: o.metadata.managedFields?.map((entry) => ({ ...entry, time: undefined })),
      },
    });
  return normalize(current) === normalize(next);
}

/** JSON with object keys sorted, so equal objects compare equal whatever order their keys were set in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}
