import { buildMatchBlock, type RequestCondition } from '../istio/request-rule-builders';
import type { HTTPMatchRequest } from '../istio/types';
import { toRequestCondition } from './release-job-rules';
import type { ReleaseJobSpec } from './release-job-schema';

/**
 * Where traffic should go for a job at this moment, independent of any Istio object: the default
 * split, the content rules in order, and the mirror. The object builders turn it into routes.
 */

/** Version -> percent, stable first; only versions with a share appear. */
export type Split = Record<string, number>;

export interface PlannedRule {
  /** Route name part (the rule's name, else its position). */
  name: string;
  match: HTTPMatchRequest;
  split: Split;
}

export interface TrafficPlan {
  split: Split;
  rules: PlannedRule[];
  mirror?: { version: string; percentage: number };
}

export interface PlanInputs {
  spec: ReleaseJobSpec;
  /** The new version's workload is ready as the rollout policy asks (or was once: see the controller). */
  newVersionReady: boolean;
  /** Percent to the new version the progressive steps ask for; absent without steps. */
  stepWeight?: number;
  /** A gate failed: traffic goes back to the stable version. */
  analysisFailed?: boolean;
}

/** The stable/new split for a percent to the new version, leaving out a version with nothing. */
export function splitOf(stable: string, next: string, percentToNew: number): Split {
  const split: Split = {};
  if (percentToNew < 100) split[stable] = 100 - percentToNew;
  if (percentToNew > 0) split[next] = percentToNew;
  return split;
}

function plannedRules(spec: ReleaseJobSpec): PlannedRule[] {
  return (spec.traffic?.rules ?? []).flatMap((rule, index) => {
    const conditions = rule.conditions.map(toRequestCondition);
    if (conditions.some((c) => !c.ok)) return [];
    const block = buildMatchBlock(
      conditions.map((c) => (c as { condition: RequestCondition }).condition),
    );
    if (!block.ok) return [];
    return [
      {
        name: rule.name ?? `rule-${index}`,
        match: block.match,
        split: splitOf(spec.stableVersion, spec.newVersion.version, rule.weight ?? 100),
      },
    ];
  });
}

/**
 * The plan, by precedence: offline keeps one version; no ready new version (or a rollback, or a
 * failed gate) means all to stable; a take-over sends all to its version; then the mode decides.
 */
export function planTraffic({
  spec,
  newVersionReady,
  stepWeight,
  analysisFailed,
}: PlanInputs): TrafficPlan {
  const stable = spec.stableVersion;
  const next = spec.newVersion.version;
  const only = (version: string): TrafficPlan => ({ split: { [version]: 100 }, rules: [] });
  if (spec.offline) return only(spec.offline.keep);
  if (spec.rollback || analysisFailed) return only(stable);
  if (!newVersionReady) return only(stable);
  if (spec.takeOver) return only(spec.takeOver);
  switch (spec.mode) {
    case 'BlueGreen':
      return only(next);
    case 'Mirror':
      return {
        split: { [stable]: 100 },
        rules: [],
        mirror: { version: next, percentage: spec.traffic?.mirrorPercentage ?? 100 },
      };
    case 'Canary': {
      const weight = stepWeight ?? spec.traffic?.weight ?? 0;
      return { split: splitOf(stable, next, weight), rules: plannedRules(spec) };
    }
  }
}

/** Versions the plan sends traffic (or mirrored traffic) to: their subsets must exist first. */
export function versionsInPlan(plan: TrafficPlan): string[] {
  const versions = new Set<string>(Object.keys(plan.split));
  for (const rule of plan.rules)
    for (const version of Object.keys(rule.split)) versions.add(version);
  if (plan.mirror) versions.add(plan.mirror.version);
  return [...versions];
}
