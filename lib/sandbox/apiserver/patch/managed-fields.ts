import type { KubeObject, ManagedFieldsEntry } from '../types';
import {
  difference,
  fieldSetFromFieldsV1,
  fieldSetOf,
  fieldSetToFieldsV1,
  union,
  type FieldPath,
  type FieldSet,
} from './field-set';
import { builtInSchema, defaultObjectSchema, type SchemaNode } from './merge-keys';
import { compareFields } from './object-fields';
import { cloneJson, isJsonObject } from './json-values';

/** One managedFields entry together with its fields, decoded once. */
export interface ManagerFields {
  entry: ManagedFieldsEntry;
  fields: FieldSet;
}

/** Who a manager is, as Kubernetes tells managers apart: appliers regardless of apiVersion. */
export interface ManagerIdentity {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
}

export function isSameManager(a: ManagerIdentity, b: ManagerIdentity): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion)
  );
}

/**
 * A manager as kube-apiserver names it in conflict messages: `"kubectl"` for an applier,
 * `"kubectl-edit" using apps/v1` for an updater, with ` with subresource "status"` when it wrote
 * through a subresource.
 */
export function describeManager(identity: ManagerIdentity): string {
  const name = JSON.stringify(identity.manager);
  const withSubresource = identity.subresource
    ? `${name} with subresource ${JSON.stringify(identity.subresource)}`
    : name;
  return identity.operation === 'Update'
    ? `${withSubresource} using ${identity.apiVersion}`
    : withSubresource;
}

/** The managers recorded in an object's metadata.managedFields (entries it cannot read are skipped). */
export function readManagedFields(object: unknown): ManagerFields[] {
  const entries =
    isJsonObject(object) && isJsonObject(object.metadata)
      ? object.metadata.managedFields
      : undefined;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter(
      (entry): entry is ManagedFieldsEntry =>
        isJsonObject(entry) && typeof entry.manager === 'string',
    )
    .map((entry) => ({ entry, fields: fieldSetFromFieldsV1(entry.fieldsV1) }));
}

/**
 * Encodes managers back into metadata.managedFields: managers left with no fields disappear, and
 * the entries are sorted as kube-apiserver sorts them (Apply before Update, then by time, manager,
 * apiVersion, subresource), so equal states encode equally.
 */
export function writeManagedFields(managers: readonly ManagerFields[]): ManagedFieldsEntry[] {
  return managers
    .filter(({ fields }) => fields.size > 0)
    .map(({ entry, fields }) => ({
      ...entry,
      fieldsType: 'FieldsV1' as const,
      fieldsV1: fieldSetToFieldsV1(fields),
    }))
    .sort(
      (a, b) =>
        compareText(a.operation, b.operation) ||
        Date.parse(a.time) - Date.parse(b.time) ||
        compareText(a.manager, b.manager) ||
        compareText(a.apiVersion, b.apiVersion) ||
        compareText(a.subresource ?? '', b.subresource ?? ''),
    );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The schema that decides how an object's lists are tracked: a custom one, the built-in one, or ObjectMeta only. */
export function resolveSchema(group: string, kind: string, custom?: SchemaNode): SchemaNode {
  return custom ?? builtInSchema(group, kind) ?? defaultObjectSchema();
}

/** "apps/v1" -> "apps", "v1" -> "" (the core group). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/**
 * Records a write that is not an apply (POST, PUT, or a JSON, merge or strategic PATCH) in
 * `newObj.metadata.managedFields`, as kube-apiserver does: the writer's `Update` entry gains every
 * field it added or changed, other managers lose those fields (an update always wins), and
 * removed fields leave every manager. Returns a copy of `newObj`; `oldObj` is undefined on create.
 *
 * A body that carries its own managedFields sets the starting point (an empty list resets them,
 * as on a real server); a body without them keeps the stored ones.
 */
export function recordUpdateManagedFields(
  oldObj: KubeObject | undefined,
  newObj: KubeObject,
  manager: string,
  apiVersion: string,
  now: string,
  subresource?: string,
  schema?: SchemaNode,
): KubeObject {
  const result = cloneJson(newObj);
  const sent = newObj.metadata?.managedFields;
  const managers = Array.isArray(sent) ? readManagedFields(newObj) : readManagedFields(oldObj);
  const resolved = resolveSchema(groupOf(newObj.apiVersion), newObj.kind, schema);
  const comparison = compareFields(oldObj ?? {}, newObj, resolved);
  const changed = fieldSetOf([...comparison.added, ...comparison.modified]);
  const removed = fieldSetOf(comparison.removed);
  const identity: ManagerIdentity = {
    manager,
    operation: 'Update',
    apiVersion,
    ...(subresource ? { subresource } : {}),
  };

  const updated = managers.map(({ entry, fields }) =>
    isSameManager(entry, identity)
      ? { entry, fields }
      : { entry, fields: difference(difference(fields, changed), removed) },
  );
  const own = updated.find(({ entry }) => isSameManager(entry, identity));
  const ownFields = difference(
    union(own?.fields ?? new Map<string, FieldPath>(), changed),
    removed,
  );
  const ownEntry: ManagedFieldsEntry = {
    manager,
    operation: 'Update',
    apiVersion,
    time: changed.size > 0 || own === undefined ? now : own.entry.time,
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(subresource ? { subresource } : {}),
  };
  const others = updated.filter((item) => item !== own);
  return withManagedFields(
    result,
    writeManagedFields([...others, { entry: ownEntry, fields: ownFields }]),
  );
}

/** `object` (modified) with these entries, or without the member at all when no manager is left. */
export function withManagedFields(object: KubeObject, entries: ManagedFieldsEntry[]): KubeObject {
  const { managedFields: _previous, ...metadata } = object.metadata ?? {};
  object.metadata = entries.length > 0 ? { ...metadata, managedFields: entries } : metadata;
  return object;
}
