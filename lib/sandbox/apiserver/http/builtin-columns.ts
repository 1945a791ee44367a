import type { KubeObject } from '../types';
import { ageOf } from './human-duration';

/* eslint-disable @typescript-eslint/no-explicit-any -- cells read loosely typed object fields */

export interface Column {
  name: string;
  type: 'string' | 'integer' | 'number' | 'date' | 'boolean';
  format?: string;
  description: string;
  priority: number;
  cell: (object: any, now: number) => unknown;
}

const name: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
  cell: (o) => o.metadata.name,
};
const age: Column = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
  priority: 0,
  cell: (o, now) => ageOf(o.metadata.creationTimestamp, now),
};
const col = (
  n: string,
  cell: Column['cell'],
  priority = 0,
  type: Column['type'] = 'string',
): Column => ({ name: n, type, description: n, priority, cell });

function podStatus(pod: any): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  for (const s of pod.status?.containerStatuses ?? []) {
    if (s.state?.waiting?.reason) return s.state.waiting.reason;
    if (s.state?.terminated?.reason) return s.state.terminated.reason;
  }
  return pod.status?.phase ?? 'Pending';
}

function servicePorts(svc: any): string {
  const ports = (svc.spec?.ports ?? []) as any[];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
    .join(',');
}

function selectorText(selector: Record<string, string> | undefined): string {
  const entries = Object.entries(selector ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

function endpointsText(ep: any): string {
  const addresses: string[] = [];
  for (const subset of ep.subsets ?? []) {
    for (const address of subset.addresses ?? [])
      for (const port of subset.ports ?? [{}])
        addresses.push(port.port ? `${address.ip}:${port.port}` : address.ip);
  }
  if (addresses.length === 0) return '<none>';
  return addresses.length > 3
    ? `${addresses.slice(0, 3).join(',')} + ${addresses.length - 3} more...`
    : addresses.join(',');
}

/** The columns `kubectl get` shows for the built-in kinds, as kube-apiserver's table printers define them. */
export const builtinColumns: Record<string, Column[]> = {
  '/Namespace': [name, col('Status', (o) => o.status?.phase ?? 'Active'), age],
  '/Pod': [
    name,
    col(
      'Ready',
      (o) =>
        `${(o.status?.containerStatuses ?? []).filter((s: any) => s.ready).length}/${(o.spec?.containers ?? []).length}`,
    ),
    col('Status', podStatus),
    col(
      'Restarts',
      (o) =>
        (o.status?.containerStatuses ?? []).reduce(
          (n: number, s: any) => n + (s.restartCount ?? 0),
          0,
        ),
      0,
      'integer',
    ),
    age,
    col('IP', (o) => o.status?.podIP ?? '<none>', 1),
    col('Node', (o) => o.spec?.nodeName ?? '<none>', 1),
  ],
  '/Service': [
    name,
    col('Type', (o) => o.spec?.type ?? 'ClusterIP'),
    col('Cluster-IP', (o) => o.spec?.clusterIP ?? '<none>'),
    col('External-IP', (o) => (o.spec?.externalIPs ?? []).join(',') || '<none>'),
    col('Port(s)', servicePorts),
    age,
    col('Selector', (o) => selectorText(o.spec?.selector), 1),
  ],
  '/Endpoints': [name, col('Endpoints', endpointsText), age],
  '/ConfigMap': [
    name,
    col(
      'Data',
      (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length,
      0,
      'integer',
    ),
    age,
  ],
  '/Secret': [
    name,
    col('Type', (o) => o.type ?? 'Opaque'),
    col('Data', (o) => Object.keys(o.data ?? {}).length, 0, 'integer'),
    age,
  ],
  '/Event': [
    col('Last Seen', (o, now) =>
      ageOf(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp, now),
    ),
    col('Type', (o) => o.type ?? ''),
    col('Reason', (o) => o.reason ?? ''),
    col(
      'Object',
      (o) =>
        `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name ?? ''}`,
    ),
    col('Message', (o) => o.message ?? ''),
  ],
  'apps/Deployment': [
    name,
    col('Ready', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`),
    col('Up-to-date', (o) => o.status?.updatedReplicas ?? 0, 0, 'integer'),
    col('Available', (o) => o.status?.availableReplicas ?? 0, 0, 'integer'),
    age,
    col(
      'Containers',
      (o) => (o.spec?.template?.spec?.containers ?? []).map((c: any) => c.name).join(','),
      1,
    ),
    col(
      'Images',
      (o) => (o.spec?.template?.spec?.containers ?? []).map((c: any) => c.image).join(','),
      1,
    ),
    col('Selector', (o) => selectorText(o.spec?.selector?.matchLabels), 1),
  ],
  'apps/ReplicaSet': [
    name,
    col('Desired', (o) => o.spec?.replicas ?? 0, 0, 'integer'),
    col('Current', (o) => o.status?.replicas ?? 0, 0, 'integer'),
    col('Ready', (o) => o.status?.readyReplicas ?? 0, 0, 'integer'),
    age,
  ],
  'coordination.k8s.io/Lease': [name, col('Holder', (o) => o.spec?.holderIdentity ?? ''), age],
  'apiextensions.k8s.io/CustomResourceDefinition': [
    name,
    col('Created At', (o) => o.metadata.creationTimestamp, 0, 'date'),
  ],
};

export const defaultColumns: Column[] = [name, age];

export type { KubeObject };
