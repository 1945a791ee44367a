import type { StatusCause } from '../types';
import { fieldDuplicate, fieldInvalid, indexPath } from '../validation/field-errors';
import { goLiteral, goSyntax } from '../validation/go-format';
import { isPlainObject, jsonEqual, type JsonSchemaProps } from './json-schema-props';
import { walkStructural } from './structural-walk';

/**
 * `x-kubernetes-list-type: set` and `map` uniqueness, as apiextensions' listtype validation runs it
 * after schema validation: every repeated element (or repeated key tuple) after its first
 * occurrence is a `Duplicate value`.
 */

function duplicatesOf(keys: unknown[]): number[] {
  const duplicates: number[] = [];
  keys.forEach((key, i) => {
    if (keys.slice(0, i).some((earlier) => jsonEqual(earlier, key))) duplicates.push(i);
  });
  return duplicates;
}

function validateSet(list: unknown[], path: string): StatusCause[] {
  return duplicatesOf(list).map((i) => fieldDuplicate(indexPath(path, i), list[i]));
}

// A key field that is absent (with no default) is its own value, distinct from any real value.
const unspecified = { unspecifiedKey: true } as const;

function validateMap(list: unknown[], schema: JsonSchemaProps, path: string): StatusCause[] {
  const notObject = list.findIndex((item) => item !== null && !isPlainObject(item));
  if (notObject >= 0) {
    return [
      fieldInvalid(
        indexPath(path, notObject),
        list[notObject],
        'must be an object for an array of list-type map',
      ),
    ];
  }
  if (list.length <= 1) return [];
  const keyFields = schema['x-kubernetes-list-map-keys'] ?? [];
  const keyTuples = list.map((item) => {
    if (!isPlainObject(item)) return undefined;
    return keyFields.map((field) =>
      field in item ? item[field] : (schema.items?.properties?.[field]?.default ?? unspecified),
    );
  });
  return duplicatesOf(keyTuples)
    .filter((i) => keyTuples[i] !== undefined)
    .map((i) => {
      const item = list[i] as Record<string, unknown>;
      const keys = Object.fromEntries(keyFields.map((field) => [field, item[field] ?? null]));
      return fieldDuplicate(indexPath(path, i), goLiteral(goSyntax(keys)));
    });
}

/** Duplicate elements of set- and map-typed lists anywhere under `value`. */
export function validateListTypes(
  value: unknown,
  schema: JsonSchemaProps,
  rootPath = '',
): StatusCause[] {
  const causes: StatusCause[] = [];
  walkStructural(value, schema, rootPath, (node, nodeSchema, path) => {
    if (!Array.isArray(node)) return;
    const listType = nodeSchema['x-kubernetes-list-type'];
    if (listType === 'set') causes.push(...validateSet(node, path));
    if (listType === 'map') causes.push(...validateMap(node, nodeSchema, path));
  });
  return causes;
}
