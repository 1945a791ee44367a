import { cloneJson, isJsonObject, ownMember, setMember } from './json-values';

/**
 * Applies an RFC 7386 JSON merge patch (`application/merge-patch+json`) and returns the result;
 * neither argument is modified and the result shares nothing with them. Objects merge member by
 * member, `null` deletes a member, and anything that is not an object (arrays included) replaces
 * what was there wholesale.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  return mergeInto(cloneJson(target), patch);
}

function mergeInto(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: Record<string, unknown> = isJsonObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setMember(result, key, mergeInto(ownMember(result, key), value));
  }
  return result;
}
