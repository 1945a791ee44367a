import type { KubeObject } from '../types';
import { difference, fieldSetOf, pathKey, type FieldPath, type FieldSet } from './field-set';
import { isJsonObject } from './json-values';
import type { SchemaNode } from './merge-keys';
import { appliedFieldSet, compareFields } from './object-fields';

/** Where client-side `kubectl apply` keeps the configuration it applied last. */
export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The manager of `kubectl apply --server-side`. kube-apiserver's lastAppliedManager upgrades only
 * this one, so that a user who picks their own field manager opts out.
 */
const kubectlApplyManager = 'kubectl';

/**
 * The apply conflicts that still stand after kube-apiserver's client-side -> server-side apply
 * upgrade. When `kubectl apply --server-side` meets an object that `kubectl apply` managed, every
 * field it set is owned by "kubectl-client-side-apply" (an Update manager), so the first
 * server-side apply that changes anything would conflict. The server waives the conflicts on
 * fields whose live value is still the one in the last-applied annotation: they are the user's
 * own configuration, not someone else's edit. If every conflict is waived the apply proceeds as
 * if forced; otherwise only the others are reported.
 */
export function conflictsNotWaivedByLastApplied<T extends { path: FieldPath }>(
  conflicts: T[],
  live: KubeObject | undefined,
  manager: string,
  schema: SchemaNode,
): T[] {
  if (manager !== kubectlApplyManager || conflicts.length === 0) return conflicts;
  const waived = fieldsStillAsLastApplied(live, schema);
  return conflicts.filter(({ path }) => !waived.has(pathKey(path)));
}

/** The fields of the last-applied configuration whose live value has not changed since. */
function fieldsStillAsLastApplied(live: KubeObject | undefined, schema: SchemaNode): FieldSet {
  const text = live?.metadata.annotations?.[lastAppliedAnnotation];
  if (live === undefined || typeof text !== 'string' || text === '') return new Map();
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    // An annotation kubectl did not write waives nothing, as on a real server.
    return new Map();
  }
  if (!isJsonObject(lastApplied)) return new Map();
  const { modified } = compareFields(lastApplied, live, schema);
  return difference(appliedFieldSet(lastApplied, schema), fieldSetOf(modified));
}
