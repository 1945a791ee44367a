import type { PatchType } from '../cluster-client';
import { badRequest, internalError } from '../errors';
import type { KubeObject } from '../types';
import { applyJsonPatch } from './json-patch';
import { applyMergePatch } from './json-merge-patch';
import { isJsonObject } from './json-values';
import { recordUpdateManagedFields } from './managed-fields';
import type { SchemaNode } from './merge-keys';
import { serverSideApply } from './server-side-apply';
import { applyStrategicMergePatch } from './strategic-merge-patch';

export { applyMergePatch } from './json-merge-patch';
export { applyJsonPatch, parseJsonPatch, type JsonPatchOperation } from './json-patch';
export { applyStrategicMergePatch, isStrategicMergeSupported } from './strategic-merge-patch';
export { builtInSchema, type ListStrategy, type SchemaNode } from './merge-keys';
export { schemaFromOpenApiV3 } from './openapi-schema';
export { parseApplyBody, serverSideApply, type ServerSideApplyOptions } from './server-side-apply';
export { recordUpdateManagedFields } from './managed-fields';
export { patchTypeFromContentType, unsupportedPatchMediaType } from './patch-type';

/** What the PATCH handler knows besides the body. */
export interface PatchContext {
  kind: { group: string; kind: string };
  /** The `fieldManager` query parameter, or the default the handler derives from the user agent. */
  manager: string;
  /** The `force` query parameter (apply only). */
  force?: boolean;
  /** The apiVersion of the request path, recorded in managedFields. */
  apiVersion: string;
  /** RFC 3339 time recorded in managedFields. */
  now: string;
  /** "status" (or "scale") when the request targets a subresource. */
  subresource?: string;
  /** For custom resources: merge rules from the CRD schema (see schemaFromOpenApiV3). */
  schema?: SchemaNode;
}

/**
 * The one entry point of the PATCH handler: applies a body of the given type to the live object
 * and returns the object to store, with metadata.managedFields updated (an `Apply` entry for
 * apply, an `Update` entry for the others). `body` is the raw request text or an already parsed
 * value (the in-process client passes objects).
 *
 * Apply creates when `live` is undefined; the other types need a live object (the handler
 * answers 404 first). Errors are ApiError: 400 for a malformed body, 415 for a strategic merge
 * patch on a custom resource, 422 for a JSON patch that does not apply, 409 for an apply conflict.
 */
export function applyPatch(
  type: PatchType,
  live: KubeObject | undefined,
  body: unknown,
  ctx: PatchContext,
): KubeObject {
  if (type === 'apply') {
    return serverSideApply({ ...ctx, live, intent: body, force: ctx.force ?? false });
  }
  if (live === undefined) throw internalError(`a ${type} patch needs the live object`);
  const document = typeof body === 'string' ? parseJsonBody(body) : body;
  const patched =
    type === 'json'
      ? applyJsonPatch(live, document)
      : type === 'merge'
        ? applyMergePatch(live, requireObject(document))
        : applyStrategicMergePatch(live, document, ctx.kind);
  if (!isJsonObject(patched)) throw badRequest('the patched object is not a JSON object');
  return recordUpdateManagedFields(
    live,
    patched as KubeObject,
    ctx.manager,
    ctx.apiVersion,
    ctx.now,
    ctx.subresource,
    ctx.schema,
  );
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`error decoding patch: ${(error as Error).message}`);
  }
}

/** A merge patch that is not an object would replace the whole object with a non-object. */
function requireObject(document: unknown): unknown {
  if (!isJsonObject(document))
    throw badRequest('invalid JSON document: a merge patch must be a JSON object');
  return document;
}
