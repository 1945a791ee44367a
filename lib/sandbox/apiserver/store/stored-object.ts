import type { KubeObject } from '../types';

/**
 * An object as the store keeps it. `object` is never mutated after it is stored (callers copy
 * before changing), so lists and watch events can share it without defensive copies.
 */
export interface StoredObject {
  readonly storageKey: string;
  readonly namespace: string;
  readonly name: string;
  readonly rv: number;
  readonly object: KubeObject;
}

export type StoreChange =
  | { type: 'put'; storageKey: string; object: KubeObject }
  | { type: 'delete'; storageKey: string; namespace: string; name: string };

export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  rv: number;
  storageKey: string;
  namespace: string;
  name: string;
  object: KubeObject;
}

/** A deep copy of a stored object, for code that builds the next version of it. */
export function cloneObject<T>(value: T): T {
  return structuredClone(value);
}
