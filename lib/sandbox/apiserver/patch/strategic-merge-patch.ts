import { badRequest } from '../errors';
import { builtInSchema, fieldSchema, type ListStrategy, type SchemaNode } from './merge-keys';
import {
  cloneJson,
  isJsonObject,
  jsonEqual,
  ownMember,
  setMember,
  type JsonObject,
} from './json-values';
import { unsupportedPatchMediaType } from './patch-type';

const patchDirective = '$patch';
const retainKeysDirective = '$retainKeys';
const setElementOrderPrefix = '$setElementOrder/';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList/';

/** True when the sandbox can apply a strategic merge patch to this kind (built-in kinds only). */
export function isStrategicMergeSupported(group: string, kind: string): boolean {
  return builtInSchema(group, kind) !== undefined;
}

/**
 * Applies a strategic merge patch (`application/strategic-merge-patch+json`) to `target`, a
 * built-in object, and returns the result; `target` is not modified.
 *
 * Maps merge recursively and `null` deletes; lists merge by the merge key of the kind's schema
 * (unknown elements appended) or are replaced when the schema declares no strategy; the
 * directives `$patch` (replace/delete/merge), `$setElementOrder/<field>`,
 * `$deleteFromPrimitiveList/<field>` and `$retainKeys` work as in kube-apiserver. Directives never
 * reach the result. A custom resource is 415, as on a real server; a malformed directive is 400.
 */
export function applyStrategicMergePatch(
  target: unknown,
  patch: unknown,
  kind: { group: string; kind: string },
): JsonObject {
  const schema = builtInSchema(kind.group, kind.kind);
  if (schema === undefined) throw unsupportedPatchMediaType(false);
  if (!isJsonObject(patch)) throw badRequest('invalid JSON document');
  const original = isJsonObject(target) ? cloneJson(target) : {};
  return mergeMap(original, patch, schema) ?? {};
}

/** Merges `patch` into `original` (which it may modify); undefined means "delete this map". */
function mergeMap(
  original: JsonObject,
  patch: JsonObject,
  schema: SchemaNode | undefined,
): JsonObject | undefined {
  const directive = patch[patchDirective];
  if (directive === 'replace') {
    // Merged into nothing rather than copied: its nulls vanish instead of being stored, and the
    // directives inside it still apply.
    const { [patchDirective]: _replace, ...replacement } = patch;
    return mergeMap({}, replacement, schema);
  }
  // The reference (section 12) has `$patch: delete` remove the map itself, not leave `{}` behind.
  if (directive === 'delete') return undefined;
  if (directive !== undefined && directive !== 'merge') {
    throw badRequest(
      `unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(patch)}`,
    );
  }

  applyRetainKeys(original, patch);
  for (const [key, values] of Object.entries(patch)) {
    if (key.startsWith(deleteFromPrimitiveListPrefix)) {
      deleteFromPrimitiveList(original, key.slice(deleteFromPrimitiveListPrefix.length), values);
    }
  }

  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) {
      delete original[key];
      continue;
    }
    const merged = mergeValue(
      ownMember(original, key),
      value,
      fieldSchema(schema, key),
      patch[`${setElementOrderPrefix}${key}`],
    );
    if (merged === undefined) delete original[key];
    else setMember(original, key, merged);
  }

  // `$setElementOrder` may come without its list (kubectl sends it when only the order changed).
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    const field = key.slice(setElementOrderPrefix.length);
    const list = original[field];
    if (!(field in patch) && Array.isArray(list)) {
      original[field] = orderElements(list, list, order, fieldSchema(schema, field)?.list);
    }
  }
  return original;
}

function mergeValue(
  original: unknown,
  patch: unknown,
  schema: SchemaNode | undefined,
  order: unknown,
): unknown {
  if (isJsonObject(patch)) return mergeMap(isJsonObject(original) ? original : {}, patch, schema);
  if (Array.isArray(patch)) return mergeList(original, patch, schema, order);
  return patch;
}

/** `$retainKeys: [...]` drops every member of the live map it does not list (Deployment strategy, volumes). */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  const retained = patch[retainKeysDirective];
  if (retained === undefined) return;
  if (!Array.isArray(retained) || !retained.every((key) => typeof key === 'string')) {
    throw badRequest('invalid patch format of retainKeys');
  }
  // As kube-apiserver: a patch that sets a member its own $retainKeys would drop is contradictory.
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null && !key.startsWith('$') && !retained.includes(key))
      throw badRequest('invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) {
    if (!retained.includes(key)) delete original[key];
  }
}

function deleteFromPrimitiveList(original: JsonObject, field: string, values: unknown): void {
  if (!Array.isArray(values)) throw badRequest('invalid patch format of primitive list');
  const list = original[field];
  if (!Array.isArray(list)) return;
  original[field] = list.filter((item) => !values.some((value) => jsonEqual(value, item)));
}

function mergeList(
  original: unknown,
  patch: unknown[],
  schema: SchemaNode | undefined,
  order: unknown,
): unknown {
  const strategy = schema?.list;
  const replaceMarker = (element: unknown) =>
    isJsonObject(element) && element[patchDirective] === 'replace';
  if (patch.some(replaceMarker))
    return withoutDirectives(patch.filter((element) => !replaceMarker(element)));
  if (strategy === undefined || strategy.type === 'atomic') return withoutDirectives(patch);

  const live = Array.isArray(original) ? original : [];
  const merged =
    strategy.type === 'set'
      ? mergeSet(live, patch)
      : mergeByKey(live, patch, strategy.mergeKey, schema?.items);
  return order === undefined ? merged : orderElements(merged, live, order, strategy);
}

function mergeSet(live: unknown[], patch: unknown[]): unknown[] {
  const merged = [...live];
  for (const value of patch) {
    if (!merged.some((item) => jsonEqual(item, value))) merged.push(withoutDirectives(value));
  }
  return merged;
}

function mergeByKey(
  live: unknown[],
  patch: unknown[],
  mergeKey: string,
  items: SchemaNode | undefined,
): unknown[] {
  const merged = [...live];
  for (const element of patch) {
    if (!isJsonObject(element) || !(mergeKey in element)) {
      throw badRequest(
        `map: ${JSON.stringify(element)} does not contain declared merge key: ${mergeKey}`,
      );
    }
    const matches = (item: unknown) =>
      isJsonObject(item) && jsonEqual(item[mergeKey], element[mergeKey]);
    if (element[patchDirective] === 'delete') {
      for (let i = merged.length - 1; i >= 0; i--) if (matches(merged[i])) merged.splice(i, 1);
      continue;
    }
    const index = merged.findIndex(matches);
    const current = merged[index];
    const result = mergeMap(isJsonObject(current) ? current : {}, element, items);
    if (index < 0) {
      if (result !== undefined) merged.push(result);
    } else if (result === undefined) {
      merged.splice(index, 1);
    } else {
      merged[index] = result;
    }
  }
  return merged;
}

/**
 * Reorders a merged list after `$setElementOrder/<field>`, as apimachinery's
 * `normalizeElementOrder` does: the elements the order names come in that order, and the others
 * (only on the server) keep their place relative to them by their position in the live list.
 */
function orderElements(
  merged: unknown[],
  live: unknown[],
  order: unknown,
  strategy: ListStrategy | undefined,
): unknown[] {
  if (!Array.isArray(order)) throw badRequest('invalid patch format of setElementOrder list');
  const identity = (element: unknown): unknown =>
    strategy?.type === 'map' && isJsonObject(element) ? element[strategy.mergeKey] : element;
  const indexIn = (list: unknown[], element: unknown) =>
    list.findIndex((item) => jsonEqual(identity(item), identity(element)));

  const named = merged.filter((element) => indexIn(order, element) >= 0);
  named.sort((a, b) => indexIn(order, a) - indexIn(order, b));
  const serverOnly = merged.filter((element) => indexIn(order, element) < 0);

  const result: unknown[] = [];
  let left = 0;
  let right = 0;
  while (left < serverOnly.length || right < named.length) {
    if (right >= named.length) {
      result.push(serverOnly[left++]);
    } else if (left >= serverOnly.length) {
      result.push(named[right++]);
    } else {
      // Only when both sit in the live list can their live positions decide; otherwise the patch wins.
      const serverIndex = indexIn(live, serverOnly[left]);
      const namedIndex = indexIn(live, named[right]);
      if (serverIndex >= 0 && namedIndex >= 0 && serverIndex < namedIndex)
        result.push(serverOnly[left++]);
      else result.push(named[right++]);
    }
  }
  return result;
}

/** A copy of a patch-derived value without any `$...` member, at any depth. */
function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  if (!isJsonObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (!key.startsWith('$')) setMember(result, key, withoutDirectives(member));
  }
  return result;
}
