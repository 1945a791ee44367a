/**
 * A JSON object, the only value every patch algorithm merges into rather than replaces. Members
 * are `unknown` because bodies arrive unchecked; the algorithms look before they use.
 */
export type JsonObject = { [key: string]: unknown };

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Member `key` of `object` only if it is the object's own: a body's "__proto__" or "constructor"
 * is data, and reading it must never reach the prototype (a merge into what it returns would
 * change Object.prototype for the whole server).
 */
export function ownMember(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Sets member `key` as an own data property. Plain assignment of "__proto__" would swap the
 * object's prototype and drop the value; a ConfigMap key may well be called "__proto__".
 */
export function setMember(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** A deep copy, so that no patch ever mutates the live object the store still holds. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/**
 * Structural equality as JSON defines it: object member order does not matter, array order does,
 * and `10` is not `"10"` (RFC 6902 section 4.6 asks exactly this of `test`).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
    );
  }
  return false;
}
