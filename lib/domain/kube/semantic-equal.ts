/**
 * "Changed or not" for Kubernetes objects, by meaning rather than by text.
 *
 * kube-apiserver stores a custom resource as a map and answers with its keys sorted at every
 * depth; a built-in kind comes back in its Go struct's field order, with empty maps and lists
 * dropped (`omitempty`) and defaults filled in. An object Aviary built and the same object read
 * back are therefore equal in meaning but rarely in text: comparing `JSON.stringify` of the two
 * sees a change on every reconcile (and a Conflict after three). These functions are what every
 * such decision uses instead.
 *
 * The rules, for plain JSON values (what a client sends and the API server returns):
 * - object key order never matters; array order always does (lists are ordered in Kubernetes);
 * - a field that is absent, `undefined`, `null`, `{}` or `[]` is "not set": the API server drops
 *   nulls (pruning, `omitempty`) and empty maps and lists of built-in kinds, and for Istio an
 *   empty list of routes or map of labels says the same as none;
 * - numbers compare by value (`1` and `1.0` are one number; JSON has no other kind);
 * - strings, booleans and numbers never equal one another (`"1"` is not `1`: int-or-string
 *   fields such as `targetPort` mean different things by type).
 */

type Json = unknown;

/** Whether a value says nothing: absent, null, an empty map or an empty list. */
export function isUnset(value: Json): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).every((key) => isUnset(value[key]));
}

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `a` and `b` mean the same Kubernetes value (the rules above). Symmetric. */
export function semanticEqual(a: Json, b: Json): boolean {
  return compare(a, b, 'equal');
}

/**
 * Whether every field `desired` sets holds in `live` with the same meaning; what `desired` leaves
 * unset may hold anything there: the defaults the API server fills in (a container's
 * `imagePullPolicy`, a probe's `periodSeconds`) are no change. Lists must have the same length and
 * match item by item. For objects built from what the server returned, to ask whether the server
 * holds what Aviary wants without fighting its defaulting.
 */
export function semanticallyContains(live: Json, desired: Json): boolean {
  return compare(desired, live, 'contains');
}

function compare(a: Json, b: Json, mode: 'equal' | 'contains'): boolean {
  if (isUnset(a)) return mode === 'contains' || isUnset(b);
  if (isUnset(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => compareItem(item, b[i], mode));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = new Set(
      mode === 'equal' ? [...Object.keys(a), ...Object.keys(b)] : Object.keys(a),
    );
    for (const key of keys) if (!compare(a[key], b[key], mode)) return false;
    return true;
  }
  return a === b;
}

/** List items: an item that says nothing (`{}`, null) still holds its place in the list. */
function compareItem(a: Json, b: Json, mode: 'equal' | 'contains'): boolean {
  if (isUnset(a) && isUnset(b)) return true;
  if (mode === 'contains' && isUnset(a)) return true;
  return compare(a, b, mode);
}

/**
 * The value with its keys sorted at every depth and unset fields left out: one text per meaning,
 * for keys of sets and maps (`semanticEqual(a, b)` exactly when `canonicalJson(a) === canonicalJson(b)`).
 */
export function canonicalJson(value: Json): string {
  return JSON.stringify(canonical(value)) ?? 'null';
}

function canonical(value: Json): Json {
  if (isUnset(value)) return null;
  if (Array.isArray(value)) return value.map(canonical);
  if (isPlainObject(value))
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => !isUnset(value[key]))
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  return value;
}
