import { childPath, indexPath, keyPath } from '../validation/field-errors';
import { isPlainObject, type JsonSchemaProps } from './json-schema-props';

/**
 * Visits every value that the structural part of a schema describes (properties,
 * additionalProperties, items; never inside oneOf/anyOf/allOf/not), with its field.Path-style
 * path: `spec.ports[0]` for items and `spec.selector[app]` for map entries.
 */
export function walkStructural(
  value: unknown,
  schema: JsonSchemaProps | undefined,
  path: string,
  visit: (value: unknown, schema: JsonSchemaProps, path: string) => void,
): void {
  if (!schema) return;
  visit(value, schema, path);
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const property = schema.properties?.[key];
      if (property) walkStructural(child, property, childPath(path, key), visit);
      else if (typeof schema.additionalProperties === 'object') {
        walkStructural(child, schema.additionalProperties, keyPath(path, key), visit);
      }
    }
  } else if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, i) => walkStructural(item, items, indexPath(path, i), visit));
  }
}
