import type { SchemaNode } from './merge-keys';
import { isJsonObject } from './json-values';

/**
 * Reads the merge rules out of a CRD's `openAPIV3Schema` so that server-side apply treats a
 * custom resource's lists as the CRD author declared: `x-kubernetes-list-type: map` with
 * `x-kubernetes-list-map-keys` merges per element, `set` per value, anything else is atomic;
 * `x-kubernetes-map-type: atomic` (or `structType`) owns an object as one field. Returns
 * undefined where the schema declares nothing, so the defaults apply.
 */
export function schemaFromOpenApiV3(schema: unknown): SchemaNode | undefined {
  if (!isJsonObject(schema)) return undefined;
  const node: SchemaNode = {};
  if (
    schema['x-kubernetes-map-type'] === 'atomic' ||
    schema['x-kubernetes-struct-type'] === 'atomic'
  )
    node.atomic = true;

  const listType = schema['x-kubernetes-list-type'];
  const keys = schema['x-kubernetes-list-map-keys'];
  if (
    listType === 'map' &&
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every((key) => typeof key === 'string')
  ) {
    node.list = { type: 'map', mergeKey: keys[0] as string, keys: keys as string[] };
  } else if (listType === 'set') {
    node.list = { type: 'set' };
  }

  const items = schemaFromOpenApiV3(schema.items);
  if (items) node.items = items;
  const values = schemaFromOpenApiV3(schema.additionalProperties);
  if (values) node.values = values;
  if (isJsonObject(schema.properties)) {
    const fields: Record<string, SchemaNode> = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      const field = schemaFromOpenApiV3(property);
      if (field) fields[name] = field;
    }
    if (Object.keys(fields).length > 0) node.fields = fields;
  }
  return Object.keys(node).length > 0 ? node : undefined;
}
