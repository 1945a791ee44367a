/**
 * How kube-apiserver encodes a custom resource: it holds the object as a map
 * (`map[string]interface{}`) and Go's JSON encoder writes map keys sorted, so whatever order a
 * client sent, every read, list, write answer and watch event has the keys sorted at every depth
 * (metadata and managedFields included); lists keep their order. A sandbox that answered in the
 * client's order would let a client pass that compares objects as text, which fails against a real
 * cluster on the first reconcile.
 */
export function withSortedKeys<T>(value: T): T {
  return sortValue(value) as T;
}

/**
 * A custom resource as kube-apiserver stores it: its metadata goes through the ObjectMeta struct
 * and back (apiextensions' objectmeta.Coerce), where every field is `omitempty`, so empty labels,
 * annotations, finalizers and ownerReferences (and null or "" values) are gone; the rest of the
 * object is a map, kept as sent (an empty list in the spec stays), with keys sorted.
 */
export function encodeCustomResource<T extends { metadata?: object }>(object: T): T {
  if (!object.metadata) return withSortedKeys(object);
  const metadata = Object.fromEntries(
    Object.entries(object.metadata).filter(([, value]) => !isEmptyValue(value)),
  );
  return withSortedKeys({ ...object, metadata });
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function sortValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortValue);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  // Go sorts by bytes; for the ASCII keys of Kubernetes objects that is the code-unit order here.
  // fromEntries defines own members, so a key named "__proto__" stays data.
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => [key, sortValue(record[key])]),
  );
}
