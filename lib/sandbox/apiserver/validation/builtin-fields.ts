import { builtinFieldTypes } from './builtin-fields.generated';

/**
 * Unknown fields of the built-in kinds: kube-apiserver decodes a built-in into its Go struct, so a
 * field the struct lacks (a Deployment's `spec.bogus`, a container's `imagex`) is dropped, and
 * reported under fieldValidation=Strict or Warn. The sandbox stores JSON, so it walks the object
 * against a field table generated once from Kubernetes' OpenAPI (builtin-fields.generated.ts).
 */

/** The kinds the table covers, by `group/Kind`, and the type each object decodes into. */
export const builtinRootTypes: Readonly<Record<string, string>> = {
  '/Namespace': 'V1Namespace',
  '/Pod': 'V1Pod',
  '/Service': 'V1Service',
  '/Endpoints': 'V1Endpoints',
  '/ConfigMap': 'V1ConfigMap',
  '/Secret': 'V1Secret',
  '/ServiceAccount': 'V1ServiceAccount',
  '/Event': 'CoreV1Event',
  'apps/Deployment': 'V1Deployment',
  'apps/ReplicaSet': 'V1ReplicaSet',
  'coordination.k8s.io/Lease': 'V1Lease',
  'rbac.authorization.k8s.io/Role': 'V1Role',
  'rbac.authorization.k8s.io/RoleBinding': 'V1RoleBinding',
  'rbac.authorization.k8s.io/ClusterRole': 'V1ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'V1ClusterRoleBinding',
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a walk names the element of a list in a path: `[3]`, or `[name="web"]` for apply. */
export type ListElementPath = (element: unknown, index: number) => string;

const byIndex: ListElementPath = (_element, index) => `[${index}]`;

/** A field of the table, parsed once: a leaf, or an object, list of or map of objects of `type`. */
interface Field {
  shape: 'leaf' | 'object' | 'list' | 'map';
  type: string;
}

const parsedTypes = new Map<string, Map<string, Field>>();

function fieldsOf(typeName: string): Map<string, Field> | undefined {
  let fields = parsedTypes.get(typeName);
  if (fields) return fields;
  const raw = builtinFieldTypes[typeName];
  if (!raw) return undefined;
  fields = new Map();
  for (const [name, text] of Object.entries(raw)) {
    const shape =
      text === ''
        ? 'leaf'
        : text.startsWith('[]')
          ? 'list'
          : text.startsWith('{}')
            ? 'map'
            : 'object';
    fields.set(name, { shape, type: shape === 'list' || shape === 'map' ? text.slice(2) : text });
  }
  parsedTypes.set(typeName, fields);
  return fields;
}

/**
 * Walks `value` as a `typeName`, collecting the paths of unknown fields (the path is kept as
 * segments and joined only for those) and deleting them when `prune`.
 */
function walk(
  value: unknown,
  typeName: string,
  segments: string[],
  prune: boolean,
  unknown: string[],
  element: ListElementPath,
): void {
  if (!isObject(value)) return;
  const fields = fieldsOf(typeName);
  if (!fields) return;
  for (const key of Object.keys(value)) {
    const field = fields.get(key);
    if (field?.shape === 'leaf') continue;
    segments.push(segments.length === 0 ? key : `.${key}`);
    if (field === undefined) {
      unknown.push(segments.join(''));
      if (prune) delete value[key];
    } else {
      const items = value[key];
      if (field.shape === 'object') walk(items, field.type, segments, prune, unknown, element);
      else if (field.shape === 'list' && Array.isArray(items)) {
        items.forEach((item, i) => {
          segments.push(element(item, i));
          walk(item, field.type, segments, prune, unknown, element);
          segments.pop();
        });
      } else if (field.shape === 'map' && isObject(items)) {
        for (const [k, item] of Object.entries(items)) {
          segments.push(`[${k}]`);
          walk(item, field.type, segments, prune, unknown, element);
          segments.pop();
        }
      }
    }
    segments.pop();
  }
}

/**
 * Drops the fields of a built-in object its kind does not have, in place, and returns their paths
 * as kube-apiserver's strict decoder prints them (`spec.template.spec.containers[0].imagex`), in
 * the order they appear. Kinds outside the table are left alone; `beforePrune` sees the object
 * while it still has them.
 */
export function pruneUnknownBuiltinFields(
  group: string,
  kind: string,
  object: unknown,
  beforePrune?: () => void,
): string[] {
  const root = builtinRootTypes[`${group}/${kind}`];
  const unknown: string[] = [];
  if (!root) return unknown;
  walk(object, root, [], false, unknown, byIndex);
  if (unknown.length > 0) {
    beforePrune?.();
    walk(object, root, [], true, [], byIndex);
  }
  return unknown;
}

/**
 * The unknown fields of a server-side apply configuration, as structured-merge-diff names them
 * (`.spec.template.spec.containers[name="web"].imagex`); the configuration is not changed.
 */
export function unknownBuiltinApplyFields(group: string, kind: string, intent: unknown): string[] {
  const root = builtinRootTypes[`${group}/${kind}`];
  const unknown: string[] = [];
  const keyed: ListElementPath = (element, index) =>
    isObject(element) && typeof element.name === 'string'
      ? `[name=${JSON.stringify(element.name)}]`
      : `[${index}]`;
  if (root) walk(intent, root, [], false, unknown, keyed);
  return unknown.map((p) => `.${p}`);
}

/** True when the table covers the kind. */
export function hasBuiltinFieldTable(group: string, kind: string): boolean {
  return `${group}/${kind}` in builtinRootTypes;
}
