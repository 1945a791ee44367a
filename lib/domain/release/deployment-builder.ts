import { managedLabels } from './ownership';
import { versionLabel, workloadName } from './names';
import type { ReleaseJobSpec } from './release-job-schema';

/**
 * The new version's Deployment: a copy of the stable one (so probes, ports, resources and mesh
 * annotations match) with the new image, replicas, env and `version` label. Plain JSON in and
 * out; the server passes what it read from the API.
 */

interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  [key: string]: unknown;
}

export interface DeploymentLike {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string>; [key: string]: unknown };
    template?: {
      metadata?: {
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
        [key: string]: unknown;
      };
      spec?: { containers?: Container[]; [key: string]: unknown };
    };
    [key: string]: unknown;
  };
}

export type DeploymentBuild =
  { ok: true; deployment: DeploymentLike } | { ok: false; error: string };

/** The container the job changes: the one it names, else the one named like the service, else the only one. */
export function pickContainer(
  containers: readonly Container[],
  service: string,
  named?: string,
): Container | string {
  if (named)
    return (
      containers.find((c) => c.name === named) ??
      `the stable Deployment has no container "${named}"`
    );
  const byService = containers.find((c) => c.name === service);
  if (byService) return byService;
  if (containers.length === 1) return containers[0]!;
  return `the stable Deployment has ${containers.length} containers and none is named "${service}": say which with --container`;
}

function relabel(
  labels: Record<string, string> | undefined,
  version: string,
): Record<string, string> {
  const next: Record<string, string> = { ...labels, [versionLabel]: version };
  if (labels?.['app.kubernetes.io/version'] !== undefined)
    next['app.kubernetes.io/version'] = version;
  return next;
}

function mergeEnv(
  env: Container['env'],
  changes: readonly { name: string; value: string }[],
): Container['env'] {
  const merged = [...(env ?? [])].filter((e) => !changes.some((c) => c.name === e.name));
  return [...merged, ...changes.map((c) => ({ name: c.name, value: c.value }))];
}

/**
 * Builds `<service>-<version>` from the stable Deployment. The selector gains the `version` label
 * so the two Deployments never adopt each other's pods.
 */
export function buildNewDeployment(
  stable: DeploymentLike,
  spec: ReleaseJobSpec,
  job: string,
): DeploymentBuild {
  const template = stable.spec?.template;
  const containers = template?.spec?.containers ?? [];
  const target = pickContainer(containers, spec.service, spec.newVersion.container);
  if (typeof target === 'string') return { ok: false, error: target };
  const version = spec.newVersion.version;
  const annotations = { ...stable.metadata.annotations };
  delete annotations['deployment.kubernetes.io/revision'];
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const deployment: DeploymentLike = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: workloadName(spec.service, version),
      namespace: stable.metadata.namespace,
      labels: { ...relabel(stable.metadata.labels, version), ...managedLabels(job) },
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      ...stable.spec,
      replicas: spec.newVersion.replicas ?? stable.spec?.replicas ?? 1,
      selector: {
        ...stable.spec?.selector,
        matchLabels: relabel(stable.spec?.selector?.matchLabels, version),
      },
      template: {
        ...template,
        metadata: { ...template?.metadata, labels: relabel(template?.metadata?.labels, version) },
        spec: {
          ...template?.spec,
          containers: containers.map((c) =>
            c.name === target.name
              ? {
                  ...c,
                  image: spec.newVersion.image,
                  ...(spec.newVersion.env?.length
                    ? { env: mergeEnv(c.env, spec.newVersion.env) }
                    : {}),
                }
              : c,
          ),
        },
      },
    },
  };
  return { ok: true, deployment };
}

/** Whether a Deployment's rollout is complete and its pods ready, as `kubectl rollout status` decides. */
export function deploymentReady(d: {
  metadata?: { generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
  };
}): boolean {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  if ((s.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) return false;
  return (s.updatedReplicas ?? 0) >= want && (s.readyReplicas ?? 0) >= want;
}
