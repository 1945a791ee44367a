import type { PatchType } from '../cluster-client';
import type { ResourceType } from '../registry/resource-type';
import type { KubeObject, StatusCause } from '../types';

/**
 * Validation of an object about to be stored: metadata rules, built-in kind rules, a custom
 * resource's structural schema. It may prune unknown fields and apply schema defaults in place.
 */
export interface ObjectValidator {
  validate(
    type: ResourceType,
    version: string,
    object: KubeObject,
    /** Called with the object before unknown fields are pruned from it, if it has any. */
    beforePrune?: (object: KubeObject) => void,
  ): {
    causes: StatusCause[];
    unknownFields: string[];
    /** Set when the object would not decode at all (a Secret's data that is not base64). */
    decodeError?: string;
  };
  /** The causes only an update has: immutable fields, what a pod update may change. */
  validateUpdate(
    type: ResourceType,
    version: string,
    next: KubeObject,
    current: KubeObject,
  ): StatusCause[];
}

export interface PatchInput {
  type: ResourceType;
  version: string;
  patchType: PatchType;
  live: KubeObject | undefined;
  body: string;
  fieldManager: string;
  force: boolean;
  now: Date;
}

/** Computes the next version of an object from a PATCH body (merge, JSON, strategic, apply). */
export interface Patcher {
  patch(input: PatchInput): KubeObject;
  /** Records an Update managedFields entry for a non-apply write (POST, PUT, PATCH). */
  recordUpdate(
    old: KubeObject | undefined,
    next: KubeObject,
    manager: string,
    apiVersion: string,
    now: Date,
    subresource?: string,
  ): KubeObject;
}

/** Parsed label and field selectors of a list or watch, as a predicate. */
export interface SelectorFactory {
  compile(
    type: ResourceType,
    labelSelector: string | undefined,
    fieldSelector: string | undefined,
  ): (object: KubeObject) => boolean;
}
