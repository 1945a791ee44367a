import { fieldSchema, type ListStrategy, type SchemaNode } from './merge-keys';
import { fieldSetOf, pathKey, type FieldPath, type FieldSet, type PathElement } from './field-set';
import { isJsonObject, jsonEqual, type JsonObject } from './json-values';

/**
 * Fields the server owns: Kubernetes strips them before tracking managers, so no manager ever
 * owns or conflicts on them.
 */
const untrackedFields: readonly FieldPath[] = [
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata', 'f:name'],
  ['f:metadata', 'f:namespace'],
  ['f:metadata', 'f:uid'],
  ['f:metadata', 'f:resourceVersion'],
  ['f:metadata', 'f:generation'],
  ['f:metadata', 'f:creationTimestamp'],
  ['f:metadata', 'f:selfLink'],
  ['f:metadata', 'f:managedFields'],
];
const untrackedKeys = new Set(untrackedFields.map(pathKey));

/**
 * One field found in an object: a `leaf` holds a value (a scalar, an atomic list or object, an
 * empty object), an `element` is an item of a keyed or set list, an `object` is a map with
 * members of its own.
 */
export interface FoundField {
  path: FieldPath;
  kind: 'leaf' | 'element' | 'object';
  value: unknown;
}

/**
 * Every field of `object`, as structured-merge-diff walks it with the kind's schema, keyed by
 * path. Objects are reported from depth 2 on (`.metadata.labels`, `.spec.strategy`) so that an
 * Update that creates a map owns the map; the top-level members always exist in a typed object,
 * which is why Kubernetes never lists them as members.
 */
export function collectFields(
  object: unknown,
  schema: SchemaNode | undefined,
): Map<string, FoundField> {
  const found = new Map<string, FoundField>();
  // Each node's key is its parent's plus one element, equal to pathKey(path) but built once per
  // node rather than from the whole path twice: this walk runs over every field of every write.
  // Below an element holding U+0001 (pathKey's separator), keys come from pathKey itself.
  const childKey = (key: string, element: PathElement, path: FieldPath) =>
    key.startsWith('[') || element.includes('\u0001')
      ? pathKey(path)
      : key === ''
        ? element
        : `${key}\u0001${element}`;
  const add = (field: FoundField, key: string) => {
    if (!untrackedKeys.has(key)) found.set(key, field);
  };
  const walk = (value: unknown, node: SchemaNode | undefined, path: FieldPath, key: string) => {
    if (untrackedKeys.has(key)) return;
    if (isJsonObject(value)) {
      const members = Object.entries(value).filter(([, member]) => member !== null);
      if (path.length > 0 && (node?.atomic || members.length === 0)) {
        add({ path, kind: 'leaf', value }, key);
        return;
      }
      if (path.length >= 2) add({ path, kind: 'object', value }, key);
      for (const [name, member] of members) {
        const memberPath = [...path, `f:${name}`];
        walk(member, fieldSchema(node, name), memberPath, childKey(key, `f:${name}`, memberPath));
      }
      return;
    }
    const list = node?.list;
    if (Array.isArray(value) && list !== undefined && list.type !== 'atomic') {
      value.forEach((item, index) => {
        const element = elementKey(item, index, list);
        const elementPath = [...path, element];
        const itemKey = childKey(key, element, elementPath);
        add({ path: elementPath, kind: 'element', value: item }, itemKey);
        if (list.type === 'map' && isJsonObject(item)) {
          for (const [name, member] of Object.entries(item)) {
            if (member === null) continue;
            const memberPath = [...elementPath, `f:${name}`];
            walk(
              member,
              fieldSchema(node?.items, name),
              memberPath,
              childKey(itemKey, `f:${name}`, memberPath),
            );
          }
        }
      });
      return;
    }
    add({ path, kind: 'leaf', value }, key);
  };
  walk(object, schema, [], '');
  return found;
}

/**
 * The fields an applied configuration sets, as structured-merge-diff's `ToFieldSet` reports
 * them: leaves and list elements, never the maps that merely lead to them (so applying one label
 * does not claim the whole `labels` map).
 */
export function appliedFieldSet(intent: unknown, schema: SchemaNode | undefined): FieldSet {
  return fieldSetOf(
    [...collectFields(intent, schema).values()]
      .filter((field) => field.kind !== 'object')
      .map((field) => field.path),
  );
}

/**
 * The path element naming a list item: `k:{...}` with the list's keys (sorted, server defaults
 * filled in) for a keyed list, `v:<json>` for a set; `i:<n>` for a keyed item that lacks all its
 * keys, which validation rejects anyway but must not crash the bookkeeping.
 */
export function elementKey(item: unknown, index: number, list: ListStrategy): PathElement {
  if (list.type !== 'map') return `v:${JSON.stringify(item)}`;
  if (!isJsonObject(item)) return `i:${index}`;
  const keys: Record<string, unknown> = {};
  for (const name of [...list.keys].sort()) {
    const value = item[name] ?? list.keyDefaults?.[name];
    if (value !== undefined && value !== null) keys[name] = value;
  }
  return Object.keys(keys).length === 0 ? `i:${index}` : `k:${JSON.stringify(keys)}`;
}

/** The fields whose values differ between two objects, as structured-merge-diff compares them. */
export interface FieldComparison {
  /** Present in `after` only. */
  added: FieldPath[];
  /** Leaves present in both with different values. */
  modified: FieldPath[];
  /** Present in `before` only. */
  removed: FieldPath[];
}

export function compareFields(
  before: unknown,
  after: unknown,
  schema: SchemaNode | undefined,
): FieldComparison {
  const old = collectFields(before, schema);
  const now = collectFields(after, schema);
  const comparison: FieldComparison = { added: [], modified: [], removed: [] };
  for (const [key, field] of now) {
    const previous = old.get(key);
    if (previous === undefined) comparison.added.push(field.path);
    else if (field.kind === 'leaf' && !jsonEqual(previous.value, field.value))
      comparison.modified.push(field.path);
  }
  for (const [key, field] of old) {
    if (!now.has(key)) comparison.removed.push(field.path);
  }
  return comparison;
}

/** True for `...k:{"name":"web"}/f:name`: an element that stays keeps the fields that identify it. */
function isKeyOfListElement(path: FieldPath): boolean {
  const element = path.at(-2);
  const field = path.at(-1);
  if (
    element === undefined ||
    field === undefined ||
    !element.startsWith('k:') ||
    !field.startsWith('f:')
  )
    return false;
  return Object.hasOwn(JSON.parse(element.slice(2)) as object, field.slice(2));
}

/**
 * Removes the field at `path` from `object` (modified in place). Maps that the removal leaves
 * empty go too, unless `keep` says someone owns them, so that pruning the last label does not
 * leave `labels: {}` behind; list items are only removed by their own path, and the key fields
 * of a list item never are.
 */
export function removeField(
  object: JsonObject,
  path: FieldPath,
  schema: SchemaNode | undefined,
  keep: (path: FieldPath) => boolean,
): void {
  if (isKeyOfListElement(path)) return;
  const trail: {
    container: JsonObject | unknown[];
    element: PathElement;
    node: SchemaNode | undefined;
  }[] = [];
  let container: unknown = object;
  let node = schema;
  for (const element of path) {
    if (!isJsonObject(container) && !Array.isArray(container)) return;
    trail.push({ container, element, node });
    const step = stepInto(container, element, node);
    if (step === undefined) return;
    container = step.value;
    node = step.node;
  }
  for (let depth = trail.length - 1; depth >= 0; depth--) {
    const { container: parent, element, node: parentNode } = trail[depth]!;
    if (depth < trail.length - 1) {
      const child = stepInto(parent, element, parentNode)?.value;
      const emptied = isJsonObject(child) && Object.keys(child).length === 0;
      if (!emptied || !element.startsWith('f:') || depth === 0 || keep(path.slice(0, depth + 1)))
        return;
    }
    deleteStep(parent, element, parentNode);
  }
}

function stepInto(
  container: JsonObject | unknown[],
  element: PathElement,
  node: SchemaNode | undefined,
): { value: unknown; node: SchemaNode | undefined } | undefined {
  if (Array.isArray(container)) {
    const list = node?.list;
    if (list === undefined) return undefined;
    const item = container.find(
      (candidate, index) => elementKey(candidate, index, list) === element,
    );
    return item === undefined ? undefined : { value: item, node: node?.items };
  }
  if (!element.startsWith('f:')) return undefined;
  const name = element.slice(2);
  return Object.hasOwn(container, name)
    ? { value: container[name], node: fieldSchema(node, name) }
    : undefined;
}

function deleteStep(
  container: JsonObject | unknown[],
  element: PathElement,
  node: SchemaNode | undefined,
): void {
  if (Array.isArray(container)) {
    const list = node?.list;
    if (list === undefined) return;
    const index = container.findIndex((candidate, i) => elementKey(candidate, i, list) === element);
    if (index >= 0) container.splice(index, 1);
    return;
  }
  delete container[element.slice(2)];
}
