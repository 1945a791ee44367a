import { badRequest } from '../errors';
import type { ResourceType } from '../registry/resource-type';
import type { KubeObject } from '../types';

/* eslint-disable @typescript-eslint/no-explicit-any -- scale reads replica paths of any kind */

function readPath(object: any, path: string): any {
  return path
    .replace(/^\./, '')
    .split('.')
    .reduce((v, key) => (v == null ? undefined : v[key]), object);
}

function writePath(object: any, path: string, value: unknown): void {
  const keys = path.replace(/^\./, '').split('.');
  let cursor = object;
  for (const key of keys.slice(0, -1)) cursor = cursor[key] ??= {};
  cursor[keys[keys.length - 1]!] = value;
}

function paths(type: ResourceType, version: string) {
  const custom = type.versions.find((v) => v.name === version)?.subresources.scale;
  return (
    custom ?? {
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas',
      labelSelectorPath: undefined,
    }
  );
}

function selectorString(
  object: any,
  type: ResourceType,
  labelSelectorPath: string | undefined,
): string | undefined {
  if (type.custom) return labelSelectorPath ? readPath(object, labelSelectorPath) : undefined;
  const labels = object.spec?.selector?.matchLabels as Record<string, string> | undefined;
  return labels
    ? Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : undefined;
}

/** The autoscaling/v1 Scale view of a Deployment, ReplicaSet or scalable custom resource. */
export function toScale(type: ResourceType, version: string, object: KubeObject): KubeObject {
  const p = paths(type, version);
  const selector = selectorString(object, type, p.labelSelectorPath);
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: readPath(object, p.specReplicasPath) ?? 0 },
    status: {
      replicas: readPath(object, p.statusReplicasPath) ?? 0,
      ...(selector ? { selector } : {}),
    },
  };
}

/** The object with the replicas a Scale asks for, keeping the Scale's resourceVersion as precondition. */
export function applyScale(
  type: ResourceType,
  version: string,
  object: KubeObject,
  scale: KubeObject,
): KubeObject {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (!Number.isInteger(replicas) || (replicas as number) < 0) {
    throw badRequest(
      `spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be a non-negative integer`,
    );
  }
  const next = structuredClone(object);
  writePath(next, paths(type, version).specReplicasPath, replicas);
  if (scale.metadata?.resourceVersion)
    next.metadata.resourceVersion = scale.metadata.resourceVersion;
  return next;
}
