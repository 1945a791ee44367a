const serialized = new WeakMap<object, string>();

/**
 * The JSON of a stored object, computed once. Stored objects are never mutated, so the text the
 * store wrote to SQLite is reused for every response, list and watch event that carries them.
 */
export function objectJson(item: object): string {
  let json = serialized.get(item);
  if (json === undefined) {
    json = JSON.stringify(item);
    serialized.set(item, json);
  }
  return json;
}

/** Records text already computed for `item` (by the store, on write). */
export function rememberJson(item: object, json: string): void {
  serialized.set(item, json);
}
