import { isPlainObject, type JsonSchemaProps } from './json-schema-props';

/**
 * Structural defaulting as apiextensions does it after pruning: a property with a `default` that is
 * absent (or null without being nullable) gets a copy of the default, then defaulting recurses into
 * every value, the new ones included. Items and map values that are null take their default too.
 */

function isNonNullableNull(value: unknown, schema: JsonSchemaProps): boolean {
  return value === null && !schema.nullable;
}

function defaultNode(value: unknown, schema: JsonSchemaProps | undefined): void {
  if (!schema) return;
  if (isPlainObject(value)) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (property.default === undefined) continue;
      if (!(key in value) || isNonNullableNull(value[key], property))
        value[key] = structuredClone(property.default);
    }
    const additional =
      typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    for (const [key, child] of Object.entries(value)) {
      const property = schema.properties?.[key];
      if (property) defaultNode(child, property);
      else if (additional) {
        if (isNonNullableNull(child, additional) && additional.default !== undefined) {
          value[key] = structuredClone(additional.default);
        }
        defaultNode(value[key], additional);
      }
    }
  } else if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, i) => {
      if (isNonNullableNull(item, items) && items.default !== undefined)
        value[i] = structuredClone(items.default);
      defaultNode(value[i], items);
    });
  }
}

/** Returns a copy of `value` with the schema's defaults applied; the input is not modified. */
export function applyDefaults<T>(value: T, schema: JsonSchemaProps | undefined): T {
  const copy = structuredClone(value);
  defaultNode(copy, schema);
  return copy;
}
