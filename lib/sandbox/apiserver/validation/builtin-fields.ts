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

/** How a walk names the element of a list in a path. */
export type ListElementPath = (path: string, element: unknown, index: number) => string;

const byIndex: ListElementPath = (path, _element, index) => `${path}[${index}]`;

function walk(
  value: unknown,
  typeName: string,
  path: string,
  prune: boolean,
  unknown: string[],
  element: ListElementPath,
): void {
  if (!isObject(value)) return;
  const fields = builtinFieldTypes[typeName];
  if (!fields) return;
  for (const key of Object.keys(value)) {
    const child = path ? `${path}.${key}` : key;
    const fieldType = fields[key];
    if (fieldType === undefined) {
      unknown.push(child);
      if (prune) delete value[key];
      continue;
    }
    if (fieldType === '') continue;
    const inner = fieldType.replace(/^(\[\]|\{\})/, '');
    const items = value[key];
    if (fieldType.startsWith('[]')) {
      if (Array.isArray(items))
        items.forEach((item, i) =>
          walk(item, inner, element(child, item, i), prune, unknown, element),
        );
    } else if (fieldType.startsWith('{}')) {
      if (isObject(items))
        for (const [k, item] of Object.entries(items))
          walk(item, inner, `${child}[${k}]`, prune, unknown, element);
    } else {
      walk(items, inner, child, prune, unknown, element);
    }
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
  walk(object, root, '', false, unknown, byIndex);
  if (unknown.length > 0) {
    beforePrune?.();
    walk(object, root, '', true, [], byIndex);
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
  const keyed: ListElementPath = (path, element, index) =>
    isObject(element) && typeof element.name === 'string'
      ? `${path}[name=${JSON.stringify(element.name)}]`
      : `${path}[${index}]`;
  if (root) walk(intent, root, '', false, unknown, keyed);
  return unknown.map((p) => `.${p}`);
}

/** True when the table covers the kind. */
export function hasBuiltinFieldTable(group: string, kind: string): boolean {
  return `${group}/${kind}` in builtinRootTypes;
}
