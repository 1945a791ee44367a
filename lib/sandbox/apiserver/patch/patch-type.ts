import { ApiError, unsupportedMediaType } from '../errors';
import type { PatchType } from '../cluster-client';

const patchTypeByMediaType: Readonly<Record<string, PatchType>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/**
 * The 415 kube-apiserver answers for a PATCH body it cannot take. The list names the types the
 * resource accepts: strategic merge patch only for kinds compiled into the server, which is why
 * kubectl can tell a custom resource apart and fall back to a merge patch.
 */
export function unsupportedPatchMediaType(acceptsStrategic: boolean): ApiError {
  const accepted = acceptsStrategic
    ? 'application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml'
    : 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';
  return unsupportedMediaType(
    `the body of the request was in an unknown format - accepted media types include: ${accepted}`,
  );
}

/**
 * The patch type a PATCH request's Content-Type names. Parameters (`; charset=utf-8`) and case are
 * ignored, as Go's mime parser does. Anything else is 415 UnsupportedMediaType; so is a strategic
 * merge patch when `acceptsStrategic` is false (a custom resource).
 */
export function patchTypeFromContentType(
  contentType: string | undefined,
  acceptsStrategic = true,
): PatchType {
  const mediaType = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  // Own members only, or "constructor" would name Object's constructor instead of being a 415.
  const type = Object.hasOwn(patchTypeByMediaType, mediaType)
    ? patchTypeByMediaType[mediaType]
    : undefined;
  if (type === undefined || (type === 'strategic' && !acceptsStrategic))
    throw unsupportedPatchMediaType(acceptsStrategic);
  return type;
}
