import { hostMatchScore, objectNamespace, resolveConfigHost } from './hosts';
import type { DestinationRule, Subset } from './types';

/**
 * Which DestinationRule governs a destination host, and what its subsets select. Istio applies the
 * DestinationRule whose host matches most specifically (exact before wildcard); rules for the same
 * host are merged, the older one winning a subset both define.
 */

/** The DestinationRules for a resolved destination host, most specific host only, oldest first. */
export function destinationRulesForHost(
  destinationRules: readonly DestinationRule[],
  host: string,
  clusterDomain?: string,
): DestinationRule[] {
  let bestScore = -1;
  let best: DestinationRule[] = [];
  for (const rule of destinationRules) {
    const score = hostMatchScore(
      resolveConfigHost(rule.spec.host, objectNamespace(rule), clusterDomain),
      [host],
    );
    if (score < 0 || score < bestScore) continue;
    if (score > bestScore) {
      bestScore = score;
      best = [];
    }
    best.push(rule);
  }
  return best.sort((a, b) =>
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
  );
}

/**
 * The subset named `subsetName` for a resolved destination host, as the mesh sees it.
 * @returns the subset, or undefined when no DestinationRule defines it (Envoy: 503 NC).
 */
export function findSubset(
  destinationRules: readonly DestinationRule[],
  host: string,
  subsetName: string,
  clusterDomain?: string,
): Subset | undefined {
  for (const rule of destinationRulesForHost(destinationRules, host, clusterDomain)) {
    const subset = rule.spec.subsets?.find((candidate) => candidate.name === subsetName);
    if (subset) return subset;
  }
  return undefined;
}

/**
 * The pod labels a subset of one DestinationRule selects (Istio's convention: `version: v1`).
 * @returns the labels ({} for a subset without labels, which selects every pod of the service),
 * or undefined when the rule has no such subset.
 */
export function subsetSelector(
  destinationRule: DestinationRule,
  subsetName: string,
): Record<string, string> | undefined {
  const subset = destinationRule.spec.subsets?.find((candidate) => candidate.name === subsetName);
  return subset ? { ...(subset.labels ?? {}) } : undefined;
}
