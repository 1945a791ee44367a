import type {
  ObjectValidator,
  PatchInput,
  Patcher,
  SelectorFactory,
} from '../apiserver/core/ports';
import { ApiError } from '../apiserver/errors';
import {
  applyPatch,
  parseApplyBody,
  recordUpdateManagedFields,
  schemaFromOpenApiV3,
  type SchemaNode,
} from '../apiserver/patch';
import { groupVersion, type ResourceType } from '../apiserver/registry/resource-type';
import { matchesFields, parseFieldSelector } from '../apiserver/selectors/field-selector';
import { matchesLabels } from '../apiserver/selectors/label-selector';
import { parseLabelSelector } from '../apiserver/selectors/label-selector-parser';
import { nameRuleFor, validateObjectMeta } from '../apiserver/validation/object-meta';
import { validateBuiltin } from '../apiserver/validation/builtin';
import {
  pruneUnknownBuiltinFields,
  unknownBuiltinApplyFields,
} from '../apiserver/validation/builtin-fields';
import { goBase64ErrorOffset } from '../apiserver/validation/go-format';
import { validateBuiltinUpdate } from '../apiserver/validation/builtin-update';
import { checkCustomResource } from '../apiserver/schema/validate-against-schema';
import { pruneUnknownFields } from '../apiserver/schema/prune';
import {
  defaultCustomResourceDefinition,
  validateCustomResourceDefinition,
} from '../apiserver/schema/crd';
import { evaluateJsonPath } from '../apiserver/schema/jsonpath';
import type { JsonSchemaProps } from '../apiserver/schema/json-schema-props';
import type { CustomResourceDefinition } from '../apiserver/schema/crd';
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
    if (input.patchType === 'apply') refuseUnknownApplyFields(input);
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
    return recordUpdateManagedFields(
      old,
      next,
      manager,
      apiVersion,
      kubeTimestamp(now),
      subresource,
    );
  },
};

/**
 * Server-side apply turns the configuration into a typed value first, and a field the kind (or
 * the custom resource's schema) does not have fails that, whatever fieldValidation says: a plain error (500, no reason), as
 * structured-merge-diff words it.
 */
function refuseUnknownApplyFields(input: PatchInput): void {
  const intent = parseApplyBody(input.body);
  const unknown = input.type.custom
    ? unknownCustomApplyFields(input.type, input.version, intent)
    : unknownBuiltinApplyFields(input.type.group, input.type.kind, intent);
  if (unknown.length === 0) return;
  const meta = (intent.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const errors = unknown.map((path) => `${path}: field not declared in schema`);
  const text =
    errors.length === 1 ? errors[0] : ['errors:', ...errors.map((e) => `  ${e}`)].join('\n');
  throw new ApiError(
    500,
    '',
    `failed to create typed patch object (${String(meta.namespace ?? '')}/${String(meta.name ?? '')}; ${groupVersion(input.type.group, input.version)}, Kind=${input.type.kind}): ${text}`,
  );
}

/** A custom resource's apply configuration against its version's structural schema. */
function unknownCustomApplyFields(type: ResourceType, version: string, intent: unknown): string[] {
  const schema = type.versions.find((v) => v.name === version)?.schema;
  if (!schema) return [];
  return pruneUnknownFields(intent, schema as JsonSchemaProps).unknownPaths.map((p) => `.${p}`);
}

const qualifiedResource = (type: ResourceType) =>
  type.group ? `${type.plural}.${type.group}` : type.plural;

export const selectorFactory: SelectorFactory = {
  compile(type, labelSelector, fieldSelector) {
    const labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    const fields = fieldSelector
      ? parseFieldSelector(
          fieldSelector,
          qualifiedResource(type),
          type.custom ? type.versions.flatMap((v) => v.selectableFields ?? []) : undefined,
        )
      : undefined;
    if (!labels && !fields) return () => true;
    return (object: KubeObject) =>
      (!labels || matchesLabels(labels, object.metadata.labels ?? {})) &&
      (!fields || matchesFields(fields, object));
  },
};

/** Replaces the contents of `target` with those of `source`, keeping the object's identity. */
function replaceContents(target: KubeObject, source: KubeObject): void {
  for (const key of Object.keys(target)) delete (target as Record<string, unknown>)[key];
  Object.assign(target, source);
}

export const objectValidator: ObjectValidator = {
  validate(type, version, object, beforePrune) {
    const causes: StatusCause[] = validateObjectMeta(object.metadata, {
      namespaced: type.namespaced,
      nameRule: nameRuleFor(type.group, type.kind),
    });
    let unknownFields: string[] = [];
    if (type.custom) {
      const schema = type.versions.find((v) => v.name === version)?.schema;
      if (schema) {
        // Kubernetes prunes unknown fields, applies schema defaults, then validates.
        const checked = checkCustomResource(object, schema as JsonSchemaProps);
        if (checked.unknownPaths.length > 0) beforePrune?.(object);
        replaceContents(object, checked.object);
        unknownFields = checked.unknownPaths;
        causes.push(...checked.causes);
      }
    } else if (type.group === 'apiextensions.k8s.io' && type.kind === 'CustomResourceDefinition') {
      const defaulted = defaultCustomResourceDefinition(
        object as unknown as CustomResourceDefinition,
      );
      replaceContents(object, defaulted as unknown as KubeObject);
      causes.push(...validateCustomResourceDefinition(defaulted));
    } else {
      // Kubernetes decodes a built-in into its Go struct: unknown fields are dropped first.
      unknownFields = pruneUnknownBuiltinFields(type.group, type.kind, object, () =>
        beforePrune?.(object),
      );
      causes.push(...validateBuiltin(type.group, type.kind, object));
      if (type.group === '' && type.kind === 'Secret') {
        const decodeError = secretDataDecodeError(object.data);
        if (decodeError) return { causes, unknownFields, decodeError };
      }
    }
    return { causes, unknownFields };
  },
  validateUpdate(type, _version, next, current) {
    return type.custom ? [] : validateBuiltinUpdate(type.group, type.kind, next, current);
  },
};

/** A Secret's data values are []byte in Go: JSON carries them base64, and the decoder refuses others. */
function secretDataDecodeError(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  for (const value of Object.values(data as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    const offset = goBase64ErrorOffset(value);
    if (offset !== undefined) return `illegal base64 data at input byte ${offset}`;
  }
  return undefined;
}

/** Printer-column JSONPath, e.g. `.spec.replicas` or `.status.conditions[?(@.type=="Ready")].status`. */
export function evaluatePrinterJsonPath(object: unknown, path: string): unknown[] {
  try {
    return evaluateJsonPath(object, path);
  } catch {
    // A CRD's column with a path the evaluator cannot parse shows an empty cell, as kubectl does.
    return [];
  }
}
