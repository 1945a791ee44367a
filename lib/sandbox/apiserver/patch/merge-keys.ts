import type { JsonValue } from '../types';

/**
 * How a list merges, in both strategic merge patch and server-side apply. Kubernetes declares it
 * twice per field (struct tags `patchStrategy`/`patchMergeKey` for SMP, `+listType`/`+listMapKey`
 * for apply); the two agree for every field the sandbox hosts, except that apply identifies an
 * element by several keys where SMP uses only the first.
 */
export type ListStrategy =
  | {
      type: 'map';
      /** The SMP `patchMergeKey`: the one field that pairs a patch element with a live element. */
      mergeKey: string;
      /** The apply `listMapKeys`, in the order Kubernetes declares them (always starting with mergeKey). */
      keys: readonly string[];
      /** Server defaults of key fields, so `{containerPort: 80}` and `{containerPort: 80, protocol: TCP}` are one element. */
      keyDefaults?: Readonly<Record<string, JsonValue>>;
    }
  /** A list of primitives with set semantics (`finalizers`). */
  | { type: 'set' }
  /** Replaced wholesale: every list that declares nothing. */
  | { type: 'atomic' };

/**
 * The part of an object's schema the patch algorithms need: which lists merge and how, and which
 * objects apply owns as one field. Everything not described is a map merged member by member
 * (objects) or an atomic value (lists and scalars), which is the default of both algorithms.
 *
 * `$retainKeys` is deliberately not recorded: kube-apiserver honours the directive wherever a
 * patch carries it (only the client consults `patchStrategy: retainKeys` to decide to send it).
 */
export interface SchemaNode {
  /** For a list: how it merges. Absent means atomic. */
  list?: ListStrategy;
  /** For a list: the schema of its elements. */
  items?: SchemaNode;
  /** For an object: the members that are not plain merged maps or atomic values. */
  fields?: Readonly<Record<string, SchemaNode>>;
  /** For an object with free-form keys (`additionalProperties`): the schema of every value. */
  values?: SchemaNode;
  /** An object apply owns as a whole (`+structType=atomic`, `+mapType=atomic`), like a label selector. */
  atomic?: boolean;
}

/** The schema of member `field` of an object described by `node`, if it says anything. */
export function fieldSchema(node: SchemaNode | undefined, field: string): SchemaNode | undefined {
  const fields = node?.fields;
  // Own members only: a field named "constructor" must not find Object's constructor.
  return (fields && Object.hasOwn(fields, field) ? fields[field] : undefined) ?? node?.values;
}

interface MergedByOptions {
  items?: SchemaNode;
  keys?: readonly string[];
  keyDefaults?: Readonly<Record<string, JsonValue>>;
}

function mergedBy(
  mergeKey: string,
  { items, keys = [mergeKey], keyDefaults }: MergedByOptions = {},
): SchemaNode {
  return {
    list: { type: 'map', mergeKey, keys, ...(keyDefaults ? { keyDefaults } : {}) },
    ...(items ? { items } : {}),
  };
}

const tcpDefault = { protocol: 'TCP' } as const;

const objectMeta: SchemaNode = {
  fields: {
    finalizers: { list: { type: 'set' } },
    ownerReferences: mergedBy('uid'),
  },
};

const conditionsByType = mergedBy('type');

const container: SchemaNode = {
  fields: {
    ports: mergedBy('containerPort', {
      keys: ['containerPort', 'protocol'],
      keyDefaults: tcpDefault,
    }),
    env: mergedBy('name'),
    volumeMounts: mergedBy('mountPath'),
    volumeDevices: mergedBy('devicePath'),
  },
};

/** Described once, mounted at Pod `spec` and at the pod template of Deployment and ReplicaSet. */
const podSpec: SchemaNode = {
  fields: {
    containers: mergedBy('name', { items: container }),
    initContainers: mergedBy('name', { items: container }),
    ephemeralContainers: mergedBy('name', { items: container }),
    volumes: mergedBy('name'),
    imagePullSecrets: mergedBy('name'),
    hostAliases: mergedBy('ip'),
    topologySpreadConstraints: mergedBy('topologyKey', {
      keys: ['topologyKey', 'whenUnsatisfiable'],
    }),
    schedulingGates: mergedBy('name'),
    resourceClaims: mergedBy('name'),
  },
};

const podTemplate: SchemaNode = { fields: { metadata: objectMeta, spec: podSpec } };

/** metav1.LabelSelector is `+structType=atomic`: apply owns `selector` as one field. */
const labelSelector: SchemaNode = { atomic: true };

function kindSchema(fields: Record<string, SchemaNode> = {}): SchemaNode {
  return { fields: { metadata: objectMeta, ...fields } };
}

const builtInSchemas: Readonly<Record<string, SchemaNode>> = {
  '/Pod': kindSchema({
    spec: podSpec,
    status: {
      fields: { conditions: conditionsByType, podIPs: mergedBy('ip'), hostIPs: mergedBy('ip') },
    },
  }),
  '/Service': kindSchema({
    spec: {
      fields: {
        ports: mergedBy('port', { keys: ['port', 'protocol'], keyDefaults: tcpDefault }),
        selector: { atomic: true },
      },
    },
    status: { fields: { conditions: conditionsByType } },
  }),
  '/Endpoints': kindSchema(),
  '/ConfigMap': kindSchema(),
  '/Secret': kindSchema(),
  '/ServiceAccount': kindSchema({ secrets: mergedBy('name') }),
  '/Namespace': kindSchema({ status: { fields: { conditions: conditionsByType } } }),
  '/Event': kindSchema(),
  'apps/Deployment': kindSchema({
    spec: { fields: { selector: labelSelector, template: podTemplate } },
    status: { fields: { conditions: conditionsByType } },
  }),
  'apps/ReplicaSet': kindSchema({
    spec: { fields: { selector: labelSelector, template: podTemplate } },
    status: { fields: { conditions: conditionsByType } },
  }),
  'coordination.k8s.io/Lease': kindSchema(),
  'rbac.authorization.k8s.io/Role': kindSchema(),
  'rbac.authorization.k8s.io/ClusterRole': kindSchema(),
  'rbac.authorization.k8s.io/RoleBinding': kindSchema(),
  'rbac.authorization.k8s.io/ClusterRoleBinding': kindSchema(),
  'apiextensions.k8s.io/CustomResourceDefinition': kindSchema({
    status: { fields: { conditions: conditionsByType } },
  }),
};

/**
 * The schema of a built-in kind the sandbox hosts, or undefined for anything else (custom
 * resources, whose merge rules come from their CRD's OpenAPI schema, if at all).
 */
export function builtInSchema(group: string, kind: string): SchemaNode | undefined {
  return builtInSchemas[`${group}/${kind}`];
}

/** The schema every object has even when its kind is unknown: `metadata` is always ObjectMeta. */
export function defaultObjectSchema(): SchemaNode {
  return kindSchema();
}
