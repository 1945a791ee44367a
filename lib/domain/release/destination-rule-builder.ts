import type { DestinationRule, DestinationRuleSpec } from '../istio/types';
import { versionLabel } from './names';
import { readRecords, withRecord } from './ownership';

/**
 * Subsets for the versions a job routes to. In a DestinationRule someone else made the job adds
 * only missing subsets and records which (so it removes exactly those); a user's subset that is
 * already there is used as it is.
 */

/** A subset per version, selecting on the version label the service's pods carry. */
export function subsetOf(version: string, label: string = versionLabel) {
  return { name: version, labels: { [label]: version } };
}

/** The spec of a DestinationRule the job creates: one subset per version. */
export function ownDestinationRuleSpec(
  service: string,
  versions: readonly string[],
  label: string = versionLabel,
): DestinationRuleSpec {
  return { host: service, subsets: versions.map((version) => subsetOf(version, label)) };
}

/** Someone else's DestinationRule with the versions' subsets present, the added ones recorded. */
export function ensureSubsets(
  dr: DestinationRule,
  job: string,
  versions: readonly string[],
  label: string = versionLabel,
): DestinationRule {
  const recorded = readRecords(dr.metadata)[job]?.subsets ?? [];
  const subsets = [...(dr.spec.subsets ?? [])];
  const added = new Set(recorded.filter((name) => subsets.some((s) => s.name === name)));
  for (const version of versions) {
    if (subsets.some((s) => s.name === version)) continue;
    subsets.push(subsetOf(version, label));
    added.add(version);
  }
  const existing = readRecords(dr.metadata)[job] ?? {};
  return {
    ...dr,
    metadata: withRecord(dr.metadata, job, { ...existing, subsets: [...added] }),
    spec: { ...dr.spec, subsets },
  };
}

/**
 * Removes the job's recorded subsets, except those in `keep` (still routed to), and forgets them.
 * @returns the DestinationRule as the user had it, plus any kept subset still recorded.
 */
export function removeRecordedSubsets(
  dr: DestinationRule,
  job: string,
  keep: readonly string[] = [],
): DestinationRule {
  const recorded = readRecords(dr.metadata)[job]?.subsets ?? [];
  const removable = recorded.filter((name) => !keep.includes(name));
  const subsets = (dr.spec.subsets ?? []).filter((s) => !removable.includes(s.name));
  const left = recorded.filter((name) => keep.includes(name));
  const existing = readRecords(dr.metadata)[job] ?? {};
  const spec: DestinationRuleSpec = { ...dr.spec };
  if (dr.spec.subsets !== undefined) spec.subsets = subsets;
  return { ...dr, metadata: withRecord(dr.metadata, job, { ...existing, subsets: left }), spec };
}
