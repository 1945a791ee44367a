import { z } from 'zod';
import type {
  ApplicationObject,
  DeploymentObject,
  PodObject,
  ServiceObject,
} from './application-model';

/**
 * The objects a project page is built from, trimmed to what it shows, as the API answers them and
 * as the live stream sends them. The browser recomputes the applications from these with the same
 * pure function the server uses, so a changed replica count needs no refetch.
 */
export const watchedKinds = ['Application', 'Service', 'Deployment', 'Pod'] as const;
export type WatchedKind = (typeof watchedKinds)[number];

const metaSchema = z.object({
  name: z.string(),
  namespace: z.string().optional(),
  resourceVersion: z.string(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  deletionTimestamp: z.string().optional(),
});

export const trimmedObjectSchema = z.object({
  metadata: metaSchema,
  spec: z.record(z.string(), z.unknown()).optional(),
  status: z.record(z.string(), z.unknown()).optional(),
});
export type TrimmedObject = z.infer<typeof trimmedObjectSchema>;

export const projectObjectsSchema = z.object({
  Application: z.array(trimmedObjectSchema),
  Service: z.array(trimmedObjectSchema),
  Deployment: z.array(trimmedObjectSchema),
  Pod: z.array(trimmedObjectSchema),
});
export type ProjectObjects = z.infer<typeof projectObjectsSchema>;

export const projectChangeSchema = z.object({
  kind: z.enum(watchedKinds),
  type: z.enum(['ADDED', 'MODIFIED', 'DELETED']),
  object: trimmedObjectSchema,
});
export type ProjectChange = z.infer<typeof projectChangeSchema>;

interface RawObject {
  metadata?: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    deletionTimestamp?: string | Date;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

const annotationsKept = [
  'sidecar.istio.io/status',
  'sidecar.istio.io/inject',
  'servicemesh.kubesphere.io/enabled',
  'aviary.dev/description',
];

function meta(o: RawObject): TrimmedObject['metadata'] {
  const m = o.metadata ?? {};
  const annotations = Object.fromEntries(
    Object.entries(m.annotations ?? {}).filter(([key]) => annotationsKept.includes(key)),
  );
  return {
    name: m.name ?? '',
    ...(m.namespace ? { namespace: m.namespace } : {}),
    resourceVersion: m.resourceVersion ?? '',
    ...(m.labels ? { labels: m.labels } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ...(m.deletionTimestamp
      ? { deletionTimestamp: new Date(m.deletionTimestamp).toISOString() }
      : {}),
  };
}

type Spec = Record<string, unknown>;
/**
 * The kept keys, each value copied as plain data: client-node's typed lists hold model class
 * instances (a Deployment's selector is a V1LabelSelector), which React refuses to hand from a
 * server component to a client one.
 */
const pick = (value: unknown, keys: string[]): Spec =>
  Object.fromEntries(
    Object.entries((value ?? {}) as Spec)
      .filter(([key, v]) => keys.includes(key) && v !== undefined)
      .map(([key, v]) => [key, structuredClone(v)]),
  );

/** `o` trimmed to what the project pages use; kinds differ in which parts of spec and status stay. */
export function trimObject(kind: WatchedKind, o: RawObject): TrimmedObject {
  const spec = o.spec ?? {};
  switch (kind) {
    case 'Application':
      return { metadata: meta(o), spec: pick(spec, ['selector', 'descriptor']) };
    case 'Service':
      return {
        metadata: meta(o),
        spec: {
          ...pick(spec, ['selector']),
          ports: ((spec.ports ?? []) as Spec[]).map((p) => pick(p, ['name', 'port', 'protocol'])),
        },
      };
    case 'Deployment': {
      const template = (spec.template ?? {}) as { metadata?: Spec; spec?: { containers?: Spec[] } };
      return {
        metadata: meta(o),
        spec: {
          ...pick(spec, ['replicas', 'selector']),
          template: {
            metadata: pick(template.metadata, ['labels', 'annotations']),
            spec: {
              containers: (template.spec?.containers ?? []).map((c) => pick(c, ['name', 'image'])),
            },
          },
        },
        status: pick(o.status, [
          'replicas',
          'readyReplicas',
          'updatedReplicas',
          'availableReplicas',
        ]),
      };
    }
    case 'Pod':
      return {
        metadata: meta(o),
        spec: {
          containers: ((spec.containers ?? []) as Spec[]).map((c) => pick(c, ['name', 'image'])),
        },
        status: pick(o.status, ['phase']),
      };
  }
}

export function asModelInput(objects: ProjectObjects): {
  applications: ApplicationObject[];
  services: ServiceObject[];
  deployments: DeploymentObject[];
  pods: PodObject[];
} {
  return {
    applications: objects.Application as ApplicationObject[],
    services: objects.Service as ServiceObject[],
    deployments: objects.Deployment as DeploymentObject[],
    pods: objects.Pod as PodObject[],
  };
}

const newer = (a: string, b: string) => {
  // resourceVersions are opaque, but within one API server they are integers that grow; compare
  // numerically where both are, and treat anything else as newer (apply it).
  const x = Number(a);
  const y = Number(b);
  return !(Number.isFinite(x) && Number.isFinite(y)) || x > y;
};

/**
 * Applies one change to the lists; a change no newer than the object held is ignored (a stream
 * resumed after a drop may repeat what was already applied). Returns the same lists when nothing
 * changed, so callers can skip a re-render.
 */
export function applyProjectChange(objects: ProjectObjects, change: ProjectChange): ProjectObjects {
  const list = objects[change.kind];
  const name = change.object.metadata.name;
  const index = list.findIndex((o) => o.metadata.name === name);
  const held = index >= 0 ? list[index] : undefined;
  if (held && !newer(change.object.metadata.resourceVersion, held.metadata.resourceVersion)) {
    return objects;
  }
  let next: TrimmedObject[];
  if (change.type === 'DELETED') {
    if (index < 0) return objects;
    next = list.filter((_, i) => i !== index);
  } else if (index >= 0) {
    next = list.map((o, i) => (i === index ? change.object : o));
  } else {
    next = [...list, change.object];
  }
  return { ...objects, [change.kind]: next };
}
