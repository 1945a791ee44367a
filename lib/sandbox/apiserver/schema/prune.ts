import { isPlainObject, type JsonSchemaProps } from './json-schema-props';

/**
 * Pruning as kube-apiserver does it when it decodes a custom resource: every field the structural
 * schema does not specify is dropped, except under `x-kubernetes-preserve-unknown-fields`, and the
 * dropped paths are reported so that `fieldValidation=Strict` can refuse the request and `Warn` can
 * warn. At the root, and in `x-kubernetes-embedded-resource` objects, `apiVersion`, `kind` and
 * `metadata` are kept: the server checks metadata itself.
 *
 * `additionalProperties: true` keeps every entry, like an untyped map. Then, as Kubernetes does in
 * the same step, `null` values of fields that are neither nullable nor defaulted are removed.
 */
export interface PruneResult<T> {
  pruned: T;
  /** Sorted paths of the dropped fields, e.g. `spec.foo`, `spec.http[0].bar`. */
  unknownPaths: string[];
}

const metaFields = new Set(['apiVersion', 'kind', 'metadata']);

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function pruneNode(
  value: unknown,
  schema: JsonSchemaProps | undefined,
  path: string,
  isRoot: boolean,
  unknown: string[],
): void {
  if (schema?.['x-kubernetes-preserve-unknown-fields']) {
    pruneKnownOnly(value, schema, path, unknown);
    return;
  }
  if (isPlainObject(value)) {
    const embedded = isRoot || schema?.['x-kubernetes-embedded-resource'] === true;
    for (const [key, child] of Object.entries(value)) {
      if (embedded && (key === 'apiVersion' || key === 'kind') && typeof child === 'string')
        continue;
      if (embedded && key === 'metadata' && isPlainObject(child)) continue;
      const property = schema?.properties?.[key];
      const additional = schema?.additionalProperties;
      if (property) pruneNode(child, property, join(path, key), false, unknown);
      else if (typeof additional === 'object')
        pruneNode(child, additional, join(path, key), false, unknown);
      else if (additional !== true) {
        if (!(isRoot && metaFields.has(key))) unknown.push(join(path, key));
        delete value[key];
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => pruneNode(item, schema?.items, `${path}[${i}]`, false, unknown));
  }
}

// Under preserve-unknown-fields the unknown keys stay, but specified children are still pruned.
function pruneKnownOnly(
  value: unknown,
  schema: JsonSchemaProps,
  path: string,
  unknown: string[],
): void {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (schema['x-kubernetes-embedded-resource'] && metaFields.has(key)) continue;
      const property = schema.properties?.[key];
      const additional = schema.additionalProperties;
      if (property) pruneNode(child, property, join(path, key), false, unknown);
      else if (typeof additional === 'object')
        pruneNode(child, additional, join(path, key), false, unknown);
    }
  } else if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, i) => pruneNode(item, items, `${path}[${i}]`, false, unknown));
  }
}

function pruneNulls(value: unknown, schema: JsonSchemaProps | undefined): void {
  if (!schema) return;
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const property =
        schema.properties?.[key] ??
        (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (!property) continue;
      if (child === null && !property.nullable && property.default === undefined) delete value[key];
      else pruneNulls(child, property);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item) => pruneNulls(item, schema.items));
  }
}

/**
 * Returns a pruned copy of `value` (a whole custom resource when `isResourceRoot`, the default)
 * and the paths that were dropped. The input is not modified.
 */
export function pruneUnknownFields<T>(
  value: T,
  schema: JsonSchemaProps | undefined,
  isResourceRoot = true,
): PruneResult<T> {
  const pruned = structuredClone(value);
  const unknownPaths: string[] = [];
  pruneNode(pruned, schema, '', isResourceRoot, unknownPaths);
  pruneNulls(pruned, schema);
  unknownPaths.sort();
  return { pruned, unknownPaths };
}

/**
 * The 400 message for `fieldValidation=Strict` (and the text of the `Warn` warnings):
 * `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`.
 */
export function strictDecodingMessage(unknownPaths: readonly string[]): string {
  return `strict decoding error: ${unknownPaths.map(unknownFieldWarning).join(', ')}`;
}

/** One warning per dropped field under `fieldValidation=Warn`: `unknown field "spec.foo"`. */
export function unknownFieldWarning(path: string): string {
  return `unknown field "${path}"`;
}
