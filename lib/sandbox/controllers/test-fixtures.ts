/**
 * Objects for the controllers' table tests: a Deployment `demo/web`, ReplicaSets shaped as the
 * deployment controller makes them, pods as the ReplicaSet controller and kubelet leave them.
 */
import { revisionAnnotation } from './deployment-util';
import { controllerReference } from './object-meta';
import { computePodTemplateHash, podTemplateHashLabel } from './pod-template-hash';
import type {
  Condition,
  Deployment,
  DeploymentSpec,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
} from './workload-types';

export const t0 = '2026-01-01T00:00:00Z';

/** `t0` plus `seconds`. */
export function at(seconds: number): string {
  return new Date(Date.parse(t0) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function template(image: string): PodTemplateSpec {
  return {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 8080 }] }] },
  };
}

export const v1 = template('nginx:1.26');
export const v2 = template('nginx:1.27');
export const h1 = computePodTemplateHash(v1);
export const h2 = computePodTemplateHash(v2);

export function deployment(
  spec: Partial<DeploymentSpec> = {},
  extra: Partial<Deployment> = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'demo',
      uid: 'uid-web',
      generation: 1,
      resourceVersion: '10',
      ...extra.metadata,
    },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: v2, ...spec },
    ...(extra.status ? { status: extra.status } : {}),
  };
}

export interface RsShape {
  template?: PodTemplateSpec;
  replicas: number;
  /** status.replicas; defaults to `replicas`. */
  current?: number;
  available?: number;
  ready?: number;
  revision: number;
  /** Seconds after t0. */
  created?: number;
  owner?: Deployment;
  name?: string;
}

/** A ReplicaSet of `owner` (default: the `web` Deployment) for `shape.template`. */
export function replicaSet(shape: RsShape): ReplicaSet {
  const tpl = shape.template ?? v2;
  const hash = computePodTemplateHash(tpl);
  const owner = shape.owner ?? deployment();
  const labels = { ...tpl.metadata?.labels, [podTemplateHashLabel]: hash };
  const current = shape.current ?? shape.replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: shape.name ?? `web-${hash}`,
      namespace: 'demo',
      uid: `uid-rs-${shape.revision}`,
      generation: 1,
      resourceVersion: String(100 + shape.revision),
      creationTimestamp: at(shape.created ?? shape.revision * 10),
      labels,
      annotations: { [revisionAnnotation]: String(shape.revision) },
      ownerReferences: [controllerReference(owner)],
    },
    spec: {
      replicas: shape.replicas,
      selector: { matchLabels: { app: 'web', [podTemplateHashLabel]: hash } },
      template: { ...tpl, metadata: { ...tpl.metadata, labels } },
    },
    status: {
      replicas: current,
      fullyLabeledReplicas: current,
      readyReplicas: shape.ready ?? shape.available ?? current,
      availableReplicas: shape.available ?? current,
      observedGeneration: 1,
    },
  };
}

export interface PodShape {
  name: string;
  owner?: ReplicaSet;
  ready?: boolean;
  /** Seconds after t0 the pod was created, and became ready. */
  created?: number;
  readySince?: number;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  ip?: string;
  node?: string | null;
  labels?: Record<string, string>;
  deleting?: boolean;
  restarts?: number;
  containerPorts?: { name?: string; containerPort: number }[];
}

export function readyCondition(ready: boolean, since: string): Condition {
  return {
    type: 'Ready',
    status: ready ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: since,
  };
}

export function pod(shape: PodShape): Pod {
  const ready = shape.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: shape.name,
      namespace: 'demo',
      uid: `uid-${shape.name}`,
      resourceVersion: '50',
      creationTimestamp: at(shape.created ?? 0),
      labels: shape.labels ?? {
        app: 'web',
        ...(shape.owner?.spec.template?.metadata?.labels ?? {}),
      },
      ...(shape.owner ? { ownerReferences: [controllerReference(shape.owner)] } : {}),
      ...(shape.deleting ? { deletionTimestamp: at(100) } : {}),
    },
    spec: {
      ...(shape.node === null ? {} : { nodeName: shape.node ?? 'aviary-sandbox' }),
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          ports: shape.containerPorts ?? [{ name: 'http', containerPort: 8080 }],
        },
      ],
    },
    status: {
      phase: shape.phase ?? (ready ? 'Running' : 'Pending'),
      ...(shape.ip === undefined ? {} : { podIP: shape.ip }),
      conditions: [readyCondition(ready, at(shape.readySince ?? shape.created ?? 0))],
      containerStatuses: [
        {
          name: 'web',
          image: 'nginx:1.27',
          imageID: '',
          ready,
          started: ready,
          restartCount: shape.restarts ?? 0,
          state: ready
            ? { running: { startedAt: at(0) } }
            : { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    },
  };
}
