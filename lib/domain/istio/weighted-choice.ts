import type { RandomSource } from './types';

/**
 * Envoy's weighted-cluster pick with Istio's translation in front: a single destination takes all
 * traffic whatever its weight; with several, zero (or absent) weights are dropped and each
 * remaining one gets weight / sum (the sum need not be 100). Every request draws anew.
 * @returns the index of the chosen entry, or undefined when several entries all weigh zero (a
 * route Istio's validation rejects; Envoy would have no cluster to send to).
 */
export function chooseWeighted(
  entries: readonly { weight?: number }[],
  random: RandomSource,
): number | undefined {
  if (entries.length === 1) return 0;
  const total = entries.reduce((sum, entry) => sum + Math.max(0, entry.weight ?? 0), 0);
  if (total <= 0) return undefined;
  // Envoy draws an integer in [0, total) and walks the cumulative weights.
  const drawn = Math.min(total - 1, Math.floor(random() * total));
  let cumulative = 0;
  for (const [index, entry] of entries.entries()) {
    cumulative += Math.max(0, entry.weight ?? 0);
    if (drawn < cumulative) return index;
  }
  return undefined;
}
