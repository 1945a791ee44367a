import { labelsKey, type Labels } from '../metrics/labels';
import { executionError } from './errors';

/** One element of an instant vector at one evaluation time. */
export interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

export type Vector = Sample[];

/**
 * Prometheus refuses a vector in which two elements have the same labels (e.g. a rate over two
 * metrics that differ only by name, once the name is dropped).
 */
export function assertUniqueLabelsets(vector: Vector): void {
  if (vector.length < 2) return;
  const seen = new Set<string>();
  for (const sample of vector) {
    const key = labelsKey(sample.labels);
    if (seen.has(key)) throw executionError('vector cannot contain metrics with the same labelset');
    seen.add(key);
  }
}

/**
 * The key two samples must share to match: only the `on(...)` labels, or every label except
 * the `ignoring(...)` ones and `__name__` (Prometheus' signatureFunc).
 */
export function matchingSignature(labels: Labels, on: boolean, names: readonly string[]): string {
  let key = '';
  if (on) {
    for (const name of [...names].sort()) {
      const value = labels[name];
      if (value !== undefined) key += `${name}\u0000${value}\u0001`;
    }
    return key;
  }
  for (const name of Object.keys(labels).sort()) {
    if (name === '__name__' || names.includes(name)) continue;
    key += `${name}\u0000${labels[name]}\u0001`;
  }
  return key;
}
