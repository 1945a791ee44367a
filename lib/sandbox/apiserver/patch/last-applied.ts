import type { KubeObject } from '../types';
import { difference, fieldSetOf, pathKey, type FieldPath, type FieldSet } from './field-set';
import { goJsonMarshal } from '../validation/go-format';
import { isJsonObject, type JsonObject } from './json-values';
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

/** kube-apiserver's limit on the total size of an object's annotations (256 KiB). */
const maxAnnotationsBytes = 256 * 1024;

/**
 * kube-apiserver's lastAppliedUpdater: a server-side apply by "kubectl" (the manager of
 * `kubectl apply --server-side`) of an object that carries a last-applied annotation replaces
 * the annotation with the configuration just applied, encoded as kubectl encodes it (JSON, keys
 * sorted, a final newline, without the annotation itself), so a later client-side apply diffs
 * against what was applied last. The annotation goes if it would make the annotations too big.
 * Returns `merged` itself, changed in place.
 */
export function upgradeLastApplied(
  live: KubeObject | undefined,
  merged: KubeObject,
  applied: JsonObject,
  manager: string,
): KubeObject {
  const current = live?.metadata.annotations?.[lastAppliedAnnotation];
  if (manager !== kubectlApplyManager || typeof current !== 'string' || current === '')
    return merged;
  const configuration = structuredClone(applied) as JsonObject & { metadata?: unknown };
  // Only the key goes: an annotations map left empty stays, as Unstructured.SetAnnotations keeps it.
  if (isJsonObject(configuration.metadata) && isJsonObject(configuration.metadata.annotations))
    delete configuration.metadata.annotations[lastAppliedAnnotation];
  const annotations = { ...merged.metadata.annotations };
  annotations[lastAppliedAnnotation] = `${goJsonMarshal(configuration)}\n`;
  const size = Object.entries(annotations).reduce(
    (sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v),
    0,
  );
  if (size > maxAnnotationsBytes) delete annotations[lastAppliedAnnotation];
  merged.metadata.annotations = annotations;
  return merged;
}
