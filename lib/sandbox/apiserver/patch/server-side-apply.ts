import { parse } from 'yaml';
import { ApiError, badRequest, invalid } from '../errors';
import type { KubeObject, ManagedFieldsEntry } from '../types';
import {
  difference,
  fieldSetOf,
  formatFieldPath,
  intersection,
  isWithin,
  type FieldPath,
  type FieldSet,
} from './field-set';
import {
  describeManager,
  isSameManager,
  readManagedFields,
  resolveSchema,
  withManagedFields,
  writeManagedFields,
  type ManagerFields,
  type ManagerIdentity,
} from './managed-fields';
import { fieldSchema, type ListStrategy, type SchemaNode } from './merge-keys';
import { appliedFieldSet, compareFields, elementKey, removeField } from './object-fields';
import { conflictsNotWaivedByLastApplied, upgradeLastApplied } from './last-applied';
import { cloneJson, isJsonObject, ownMember, setMember, type JsonObject } from './json-values';

export interface ServerSideApplyOptions {
  /** The stored object, or undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration: a parsed object, or the raw `application/apply-patch+yaml` body. */
  intent: unknown;
  /** The `fieldManager` query parameter (required for apply). */
  manager: string;
  /** The `force` query parameter: take fields from other managers instead of failing with 409. */
  force: boolean;
  /** The apiVersion the request was made in, recorded in the entry. */
  apiVersion: string;
  /** RFC 3339 time recorded in the entry. */
  now: string;
  kind: { group: string; kind: string };
  /** "status" for an apply to the status subresource. */
  subresource?: string;
  /** For custom resources: their list types from the CRD schema (see schemaFromOpenApiV3). */
  schema?: SchemaNode;
}

/**
 * Parses an `application/apply-patch+yaml` body: YAML, which JSON (what kubectl and client-node
 * actually send) is a subset of. Anything but one object with apiVersion and kind is 400.
 */
export function parseApplyBody(body: unknown): JsonObject {
  let intent = body;
  if (typeof body === 'string') {
    try {
      intent = parse(body);
    } catch (error) {
      throw badRequest(`error decoding YAML: ${(error as Error).message}`);
    }
  }
  if (!isJsonObject(intent))
    throw badRequest('error decoding YAML: the applied configuration is not an object');
  if (typeof intent.apiVersion !== 'string' || intent.apiVersion === '') {
    throw badRequest(`Object 'apiVersion' is missing in '${JSON.stringify(intent)}'`);
  }
  if (typeof intent.kind !== 'string' || intent.kind === '') {
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(intent)}'`);
  }
  return intent;
}

/**
 * Server-side apply (`PATCH` with `application/apply-patch+yaml`): merges the manager's intent
 * into the live object (or creates it), tracking every manager's fields in
 * metadata.managedFields, and returns the new object; `live` is not modified.
 *
 * - Maps merge member by member; keyed lists merge per element and set lists per value (by the
 *   kind's schema, or `schema` for custom resources); every other list is atomic.
 * - Fields the same manager applied last time and omits now are removed, unless another manager
 *   owns them too. A partial intent (kubectl's annotation-only `kubectl-last-applied` apply)
 *   therefore only adds what it names and never wipes the rest.
 * - Changing a field another manager owns is a 409 Conflict with FieldManagerConflict causes,
 *   unless `force`, which moves the field to this manager. Setting it to the value it already has
 *   shares it instead. As on a real server, `kubectl apply --server-side` (manager "kubectl") on
 *   an object last applied client-side takes the fields still as last applied without force,
 *   and the object's last-applied annotation becomes this configuration.
 * - `null` members of the intent are ignored, and the server-owned metadata (name, uid,
 *   resourceVersion...) is never tracked; the handler still checks name and preconditions.
 */
export function serverSideApply(options: ServerSideApplyOptions): KubeObject {
  const { live, manager, force, apiVersion, now, kind, subresource } = options;
  const schema = resolveSchema(kind.group, kind.kind, options.schema);
  const configuration = parseApplyBody(options.intent);
  const intent = withoutNulls(configuration) as JsonObject;
  checkApplyRequest(intent, manager, apiVersion);

  const identity: ManagerIdentity = {
    manager,
    operation: 'Apply',
    apiVersion,
    ...(subresource ? { subresource } : {}),
  };
  const managers = readManagedFields(live);
  const previous = managers.find(({ entry }) => isSameManager(entry, identity));
  const others = managers.filter((item) => item !== previous);
  const applied = appliedFieldSet(intent, schema);

  const merged = mergeIntent(cloneJson(live ?? {}), intent, schema) as KubeObject;
  pruneDropped(merged, previous?.fields ?? new Map(), applied, others, schema);

  const comparison = compareFields(live ?? {}, merged, schema);
  const changed = fieldSetOf([...comparison.added, ...comparison.modified]);
  const conflicts = others.flatMap(({ entry, fields }) =>
    [...intersection(fields, changed).values()].map((path) => ({ owner: entry, path })),
  );
  const blocking = force ? [] : conflictsNotWaivedByLastApplied(conflicts, live, manager, schema);
  if (blocking.length > 0) throw applyConflict(blocking);

  const removed = fieldSetOf(comparison.removed);
  const remaining: ManagerFields[] = others.map(({ entry, fields }) => ({
    entry,
    // Fields this apply changed leave their other owners: taken by force, waived by the
    // client-side apply upgrade, or (with no conflict at all) owned by nobody else anyway.
    fields: difference(difference(fields, changed), removed),
  }));
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion,
    time: now,
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(subresource ? { subresource } : {}),
  };
  const result = withManagedFields(
    merged,
    writeManagedFields([...remaining, { entry, fields: applied }]),
  );
  // After the managedFields bookkeeping, as kube-apiserver's outermost field manager does it.
  return upgradeLastApplied(live, result, configuration, manager);
}

/**
 * What kube-apiserver refuses before applying anything: a missing fieldManager (422 on
 * PatchOptions), an intent in another apiVersion than the request's, and an intent that carries
 * managedFields, which only the server writes (both 400, with its messages).
 */
function checkApplyRequest(intent: JsonObject, manager: string, apiVersion: string): void {
  if (manager === '') {
    throw invalid('meta.k8s.io', 'PatchOptions', '', [
      {
        reason: 'FieldValueRequired',
        message: 'Required value: is required for apply patch',
        field: 'fieldManager',
      },
    ]);
  }
  if (intent.apiVersion !== apiVersion) {
    throw badRequest(
      `Incorrect version specified in apply patch. Specified patch version: ${String(intent.apiVersion)}, expected: ${apiVersion}`,
    );
  }
  if (isJsonObject(intent.metadata) && intent.metadata.managedFields !== undefined) {
    throw badRequest('metadata.managedFields must be nil');
  }
}

/**
 * Merges the intent into the live value (a private copy, modified). Keyed and set lists keep the
 * live order for elements the intent does not mention and the intent's order for the rest, which
 * is how structured-merge-diff interleaves them.
 */
function mergeIntent(live: unknown, intent: unknown, schema: SchemaNode | undefined): unknown {
  if (isJsonObject(intent)) {
    if (schema?.atomic || !isJsonObject(live)) return cloneJson(intent);
    for (const [name, value] of Object.entries(intent))
      setMember(live, name, mergeIntent(ownMember(live, name), value, fieldSchema(schema, name)));
    return live;
  }
  const list = schema?.list;
  if (
    Array.isArray(intent) &&
    Array.isArray(live) &&
    list !== undefined &&
    list.type !== 'atomic'
  ) {
    return mergeList(live, intent, list, schema?.items);
  }
  return cloneJson(intent);
}

function mergeList(
  live: unknown[],
  intent: unknown[],
  list: ListStrategy,
  items: SchemaNode | undefined,
): unknown[] {
  const liveKeys = live.map((item, index) => elementKey(item, index, list));
  const intentKeys = intent.map((item, index) => elementKey(item, index, list));
  const result: unknown[] = [];
  let next = 0;
  const takeIntentUpTo = (last: number) => {
    for (; next <= last; next++) {
      const at = liveKeys.indexOf(intentKeys[next]!);
      result.push(
        list.type === 'map'
          ? mergeIntent(at >= 0 ? live[at] : undefined, intent[next], items)
          : cloneJson(intent[next]),
      );
    }
  };
  live.forEach((item, index) => {
    const at = intentKeys.indexOf(liveKeys[index]!);
    if (at < 0) result.push(item);
    else takeIntentUpTo(at);
  });
  takeIntentUpTo(intent.length - 1);
  return result;
}

/**
 * Removes what this manager applied before and no longer applies, unless some manager (this
 * one included, through a field below it) still owns it: the server-side version of kubectl's
 * three-way merge. Shallow paths go first, so that a list element nobody owns goes whole, while
 * one partly owned by another manager only loses the unowned fields (never its keys).
 */
function pruneDropped(
  merged: KubeObject,
  previous: FieldSet,
  applied: FieldSet,
  others: readonly ManagerFields[],
  schema: SchemaNode,
): void {
  const owned = [...applied.values(), ...others.flatMap(({ fields }) => [...fields.values()])];
  const isOwned = (path: FieldPath) => owned.some((ownedPath) => isWithin(ownedPath, path));
  const dropped = [...difference(previous, applied).values()].sort((a, b) => a.length - b.length);
  for (const path of dropped) {
    if (!isOwned(path)) removeField(merged, path, schema, isOwned);
  }
}

function applyConflict(conflicts: { owner: ManagerIdentity; path: FieldPath }[]): ApiError {
  const described = conflicts
    .map(({ owner, path }) => ({ manager: describeManager(owner), field: formatFieldPath(path) }))
    .sort((a, b) =>
      a.manager === b.manager ? compare(a.field, b.field) : compare(a.manager, b.manager),
    );
  const causes = described.map(({ manager, field }) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${manager}`,
    field,
  }));
  if (described.length === 1) {
    const [only] = described;
    return new ApiError(
      409,
      'Conflict',
      `Apply failed with 1 conflict: conflict with ${only!.manager}: ${only!.field}`,
      { causes },
    );
  }
  const lines: string[] = [];
  for (const { manager, field } of described) {
    const heading = `conflicts with ${manager}:`;
    if (!lines.includes(heading)) lines.push(heading);
    lines.push(`- ${field}`);
  }
  return new ApiError(
    409,
    'Conflict',
    `Apply failed with ${described.length} conflicts: ${lines.join('\n')}`,
    { causes },
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== null)
      .map(([name, member]) => [name, withoutNulls(member)]),
  );
}
