import { ApiError, badRequest, invalid } from '../errors';
import type { ResourceType } from '../registry/resource-type';
import { strictDecodingMessage } from '../schema/prune';
import type { KubeObject } from '../types';
import { fieldInvalid } from '../validation/field-errors';
import { goPlusV } from '../validation/go-format';
import { canonicalJson } from './server-metadata';

/**
 * How a write that does not decode is refused: unknown fields under fieldValidation=Strict, or a
 * value the kind's Go type cannot hold (a Secret's data that is not base64). kube-apiserver words
 * it by where decoding failed: the body of a POST or PUT, or the object a PATCH produced.
 */
export interface DecodeFailure {
  /** Sees the object before unknown fields are pruned, when it has some (for the patch's value). */
  capture?(object: KubeObject): void;
  error(unknownFields: readonly string[], decodeError: string | undefined): ApiError;
}

const reason = (unknownFields: readonly string[], decodeError: string | undefined) =>
  decodeError ?? strictDecodingMessage(unknownFields);

/** A POST or PUT body: `Deployment in version "v1" cannot be handled as a Deployment: ...` (400). */
export function bodyDecodeFailure(type: ResourceType, version: string): DecodeFailure {
  return {
    error: (unknownFields, decodeError) =>
      badRequest(
        `${type.kind} in version "${version}" cannot be handled as a ${type.kind}: ${reason(unknownFields, decodeError)}`,
      ),
  };
}

/**
 * A strategic merge patch: 422 with the cause `patch: Invalid value: "<the patch as Go prints
 * the map>": strict decoding error: ...`, the unknown fields sorted as the converter sorts them.
 */
export function strategicPatchDecodeFailure(patch: () => unknown): DecodeFailure {
  return {
    error: (unknownFields, decodeError) =>
      patchInvalid(goPlusV(patch()), reason([...unknownFields].sort(), decodeError)),
  };
}

/**
 * A JSON or merge patch: 422 with the cause `patch: Invalid value: "<the patched object as
 * JSON>": strict decoding error: ...`. The JSON has its keys sorted at every depth, as the merge
 * re-encodes maps (kube-apiserver keeps the stored order of the fields the patch did not touch).
 */
export function jsonPatchDecodeFailure(): DecodeFailure {
  let patched: string | undefined;
  return {
    capture(object) {
      patched = canonicalJson(object);
    },
    error(unknownFields, decodeError) {
      return patchInvalid(patched ?? '', reason([...unknownFields].sort(), decodeError));
    },
  };
}

function patchInvalid(value: string, message: string): ApiError {
  return invalid('', '', '', [fieldInvalid('patch', value, message)]);
}
