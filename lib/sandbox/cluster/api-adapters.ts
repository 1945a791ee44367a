import type { ObjectValidator, Patcher, SelectorFactory } from '../apiserver/core/ports';
import { applyPatch, recordUpdateManagedFields, schemaFromOpenApiV3, type SchemaNode } from '../apiserver/patch';
import { groupVersion, type ResourceType } from '../apiserver/registry/resource-type';
import { matchesFields, parseFieldSelector } from '../apiserver/selectors/field-selector';
import { matchesLabels } from '../apiserver/selectors/label-selector';
import { parseLabelSelector } from '../apiserver/selectors/label-selector-parser';
import { nameRuleFor, validateObjectMeta } from '../apiserver/validation/object-meta';
import type { KubeObject, StatusCause } from '../apiserver/types';
import { kubeTimestamp } from '../apiserver/core/server-metadata';

/* The API server's ports, filled by the validation, patch and selector modules. */

const mergeSchemas = new WeakMap<object, SchemaNode | undefined>();

/** A custom resource version's list merge rules (x-kubernetes-list-type: map), derived once per schema. */
function customMergeSchema(type: ResourceType, version: string): SchemaNode | undefined {
  const schema = type.versions.find((v) => v.name === version)?.schema;
  if (!schema) return undefined;
  if (!mergeSchemas.has(schema)) mergeSchemas.set(schema, schemaFromOpenApiV3(schema));
  return mergeSchemas.get(schema);
}

export const objectPatcher: Patcher = {
  patch(input) {
    return applyPatch(input.patchType, input.live, input.body, {
      kind: { group: input.type.group, kind: input.type.kind },
      manager: input.fieldManager,
      force: input.force,
      apiVersion: groupVersion(input.type.group, input.version),
      now: kubeTimestamp(input.now),
      schema: input.type.custom ? customMergeSchema(input.type, input.version) : undefined,
    });
  },
  recordUpdate(old, next, manager, apiVersion, now, subresource) {
    return recordUpdateManagedFields(old, next, manager, apiVersion, kubeTimestamp(now), subresource);
  },
};

const qualifiedResource = (type: ResourceType) => (type.group ? `${type.plural}.${type.group}` : type.plural);

export const selectorFactory: SelectorFactory = {
  compile(type, labelSelector, fieldSelector) {
    const labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    const fields = fieldSelector ? parseFieldSelector(fieldSelector, qualifiedResource(type)) : undefined;
    if (!labels && !fields) return () => true;
    return (object: KubeObject) =>
      (!labels || matchesLabels(labels, object.metadata.labels ?? {})) && (!fields || matchesFields(fields, object));
  },
};

export const objectValidator: ObjectValidator = {
  validate(type, _version, object) {
    const causes: StatusCause[] = validateObjectMeta(object.metadata, {
      namespaced: type.namespaced,
      nameRule: nameRuleFor(type.group, type.kind),
    });
    return { causes, unknownFields: [] };
  },
};

/** Printer-column JSONPath, e.g. `.spec.replicas` or `.status.conditions[?(@.type=="Ready")].status`. */
export function evaluatePrinterJsonPath(object: unknown, path: string): unknown[] {
  let current: unknown[] = [object];
  const tokens = path.match(/\.[A-Za-z0-9_-]+|\[\?\(@\.[A-Za-z0-9_.-]+=="[^"]*"\)\]|\[\d+\]|\[\*\]/g) ?? [];
  for (const token of tokens) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue;
      if (token.startsWith('.')) {
        const v = (value as Record<string, unknown>)[token.slice(1)];
        if (v !== undefined) next.push(v);
      } else if (token === '[*]' && Array.isArray(value)) next.push(...value);
      else if (/^\[\d+\]$/.test(token) && Array.isArray(value)) {
        const v = value[Number(token.slice(1, -1))];
        if (v !== undefined) next.push(v);
      } else if (token.startsWith('[?') && Array.isArray(value)) {
        const [, field, expected] = /^\[\?\(@\.([A-Za-z0-9_.-]+)=="([^"]*)"\)\]$/.exec(token)!;
        for (const item of value) {
          const got = field!.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), item);
          if (got === expected) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}
