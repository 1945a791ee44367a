/**
 * Which labels say a workload's application and version. Istio's conventions accept `app` and
 * `version`, or the Kubernetes recommended `app.kubernetes.io/name` and `app.kubernetes.io/version`;
 * Aviary finds the stable version by either, and its DestinationRule subsets select on the version
 * label the stable pods actually carry, so that a subset never selects nothing (503 for every
 * request routed to it).
 */
import { appLabel, versionLabel } from './names';

export const recommendedAppLabel = 'app.kubernetes.io/name';
export const recommendedVersionLabel = 'app.kubernetes.io/version';

type Labels = Readonly<Record<string, string>> | undefined;

/** The version label pods carry, `version` first; undefined when they carry neither. */
export function versionLabelOf(labels: Labels): string | undefined {
  if (labels?.[versionLabel] !== undefined) return versionLabel;
  if (labels?.[recommendedVersionLabel] !== undefined) return recommendedVersionLabel;
  return undefined;
}

/** A workload's application and version, by either convention. */
export function appVersionOf(labels: Labels): { app?: string; version?: string } {
  return {
    app: labels?.[appLabel] ?? labels?.[recommendedAppLabel],
    version: labels?.[versionLabel] ?? labels?.[recommendedVersionLabel],
  };
}

/** The label selectors that find a version's Deployment, in the order they are tried. */
export function workloadSelectors(app: string, version: string): string[] {
  return [
    `${appLabel}=${app},${versionLabel}=${version}`,
    `${recommendedAppLabel}=${app},${recommendedVersionLabel}=${version}`,
  ];
}
