import type { Application, WorkloadVersion } from './application-schema';
import type { GovernanceState } from './project-schema';
import { injectionLabel } from './application-schema';

/**
 * A project's applications as KubeSphere shows them, built from plain objects read from the
 * cluster: each Application (app.k8s.io) claims the Services its selector matches; Services no
 * Application claims are grouped by their `app.kubernetes.io/name` (else `app`) label. Each
 * Service's workloads are the Deployments its selector matches, one per version.
 */

export interface ObjectMeta {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface ApplicationObject {
  metadata: ObjectMeta;
  spec?: {
    selector?: { matchLabels?: Record<string, string> };
    descriptor?: { description?: string };
  };
}

export interface ServiceObject {
  metadata: ObjectMeta;
  spec?: {
    selector?: Record<string, string>;
    ports?: { name?: string; port: number; protocol?: string }[];
  };
}

export interface DeploymentObject {
  metadata: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec?: { containers?: { name: string; image?: string }[] };
    };
  };
  status?: { readyReplicas?: number };
}

export interface PodObject {
  metadata: ObjectMeta & { deletionTimestamp?: string };
  spec?: { containers?: { name: string }[] };
  status?: { phase?: string };
}

/** Istio's injector leaves this annotation on every pod it gave a sidecar (Kiali reads the same). */
export const sidecarStatusAnnotation = 'sidecar.istio.io/status';

export function podHasSidecar(pod: PodObject): boolean {
  return (
    pod.metadata.annotations?.[sidecarStatusAnnotation] !== undefined ||
    (pod.spec?.containers ?? []).some((c) => c.name === 'istio-proxy')
  );
}

const matches = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string> = {},
) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => labels[key] === value);

function versionOf(labels: Record<string, string> = {}): string {
  return labels.version ?? labels['app.kubernetes.io/version'] ?? 'unversioned';
}

function workloadVersion(
  deployment: DeploymentObject,
  pods: readonly PodObject[],
): WorkloadVersion {
  const template = deployment.spec?.template;
  const selector = deployment.spec?.selector?.matchLabels;
  const own = pods.filter(
    (p) => !p.metadata.deletionTimestamp && matches(selector, p.metadata.labels),
  );
  const injection =
    template?.metadata?.labels?.[injectionLabel] ??
    template?.metadata?.annotations?.[injectionLabel];
  const job = deployment.metadata.labels?.['aviary.dev/release-job'];
  return {
    deployment: deployment.metadata.name,
    version: versionOf(template?.metadata?.labels),
    images: (template?.spec?.containers ?? []).map((c) => c.image ?? ''),
    replicas: deployment.spec?.replicas ?? 1,
    readyReplicas: deployment.status?.readyReplicas ?? 0,
    podsWithSidecar: own.filter(podHasSidecar).length,
    podCount: own.length,
    ...(injection === 'true' || injection === 'false' ? { injection } : {}),
    ...(job ? { releaseJob: job } : {}),
  };
}

/**
 * Governance of a set of workloads: `on` when every pod carries a sidecar (and the templates do
 * not say otherwise), `off` when none does, `partial` in between, `none` without workloads.
 * `inProgress` while pods do not yet match what the templates ask for.
 */
export function governanceOf(
  versions: readonly WorkloadVersion[],
  namespaceInjection: boolean,
): { state: GovernanceState; inProgress: boolean } {
  if (versions.length === 0) return { state: 'none', inProgress: false };
  const wanted = versions.map((v) => (v.injection ? v.injection === 'true' : namespaceInjection));
  const state: GovernanceState = wanted.every(Boolean)
    ? 'on'
    : wanted.some(Boolean)
      ? 'partial'
      : 'off';
  const inProgress = versions.some((v, i) => {
    const want = wanted[i];
    return want ? v.podsWithSidecar < v.podCount || v.podCount < v.replicas : v.podsWithSidecar > 0;
  });
  return { state, inProgress };
}

export function buildApplications(input: {
  applications: readonly ApplicationObject[];
  services: readonly ServiceObject[];
  deployments: readonly DeploymentObject[];
  pods: readonly PodObject[];
  namespaceInjection: boolean;
}): Application[] {
  const claimed = new Set<string>();
  const groups: {
    name: string;
    source: Application['source'];
    description: string;
    services: ServiceObject[];
  }[] = [];
  for (const app of [...input.applications].sort((a, b) =>
    a.metadata.name.localeCompare(b.metadata.name),
  )) {
    const selector = app.spec?.selector?.matchLabels;
    const services = input.services.filter(
      (s) => !claimed.has(s.metadata.name) && matches(selector, s.metadata.labels),
    );
    for (const s of services) claimed.add(s.metadata.name);
    groups.push({
      name: app.metadata.name,
      source: 'Application',
      description: app.spec?.descriptor?.description ?? '',
      services,
    });
  }
  const byLabel = new Map<string, ServiceObject[]>();
  for (const service of input.services) {
    if (claimed.has(service.metadata.name)) continue;
    const labels = service.metadata.labels ?? {};
    const name = labels['app.kubernetes.io/name'] ?? labels.app;
    if (!name) continue;
    byLabel.set(name, [...(byLabel.get(name) ?? []), service]);
  }
  for (const [name, services] of [...byLabel].sort(([a], [b]) => a.localeCompare(b))) {
    groups.push({ name, source: 'labels', description: '', services });
  }
  return groups.map((group) => {
    const services = [...group.services]
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map((service) => ({
        name: service.metadata.name,
        ports: (service.spec?.ports ?? []).map((p) => ({
          ...(p.name ? { name: p.name } : {}),
          port: p.port,
          protocol: p.protocol ?? 'TCP',
        })),
        versions: input.deployments
          .filter((d) => matches(service.spec?.selector, d.spec?.template?.metadata?.labels))
          .map((d) => workloadVersion(d, input.pods))
          .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true })),
      }));
    const governance = governanceOf(
      services.flatMap((s) => s.versions),
      input.namespaceInjection,
    );
    return {
      name: group.name,
      source: group.source,
      description: group.description,
      services,
      governance: governance.state,
      governanceInProgress: governance.inProgress,
    };
  });
}

/** The Deployments governance of `application` changes: every workload of its services, once each. */
export function deploymentsOfApplication(application: Application): string[] {
  return [
    ...new Set(application.services.flatMap((s) => s.versions.map((v) => v.deployment))),
  ].sort();
}
