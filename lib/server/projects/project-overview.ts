import 'server-only';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import {
  asModelInput,
  buildApplications,
  formatCursor,
  descriptionAnnotation,
  trimObject,
  type ProjectObjects,
  type ProjectOverview,
} from '@/lib/domain/projects';
import { ApiError } from '../api/api-error';
import { apiRefusal } from '../kube/api-error';

/**
 * A project's overview, read as the person (so a project they may not read answers 403), except
 * the namespace itself, which project roles do not grant reading and the console reads with its
 * own identity for the name, description and injection default only.
 */
export async function readProjectObjects(
  userKube: KubeConfig,
  namespace: string,
): Promise<{ objects: ProjectObjects; cursor: string }> {
  const core = userKube.makeApiClient(CoreV1Api);
  const apps = userKube.makeApiClient(AppsV1Api);
  const custom = userKube.makeApiClient(CustomObjectsApi);
  const [applications, services, deployments, pods] = await Promise.all([
    (
      custom.listNamespacedCustomObject({
        group: 'app.k8s.io',
        version: 'v1beta1',
        namespace,
        plural: 'applications',
      }) as Promise<{ items: object[] }>
    ).catch((error: unknown): { items: object[]; metadata?: { resourceVersion?: string } } => {
      if (apiRefusal(error)?.code === 404 && !apiRefusal(error)?.details?.name)
        return { items: [] };
      throw error;
    }),
    core.listNamespacedService({ namespace }),
    apps.listNamespacedDeployment({ namespace }),
    core.listNamespacedPod({ namespace }),
  ]);
  const versionOf = (list: { metadata?: { resourceVersion?: string } }) =>
    list.metadata?.resourceVersion;
  return {
    objects: {
      Application: applications.items.map((o) => trimObject('Application', o)),
      Service: services.items.map((o) => trimObject('Service', o as never)),
      Deployment: deployments.items.map((o) => trimObject('Deployment', o as never)),
      Pod: pods.items.map((o) => trimObject('Pod', o as never)),
    },
    cursor: formatCursor({
      Application: versionOf(applications as { metadata?: { resourceVersion?: string } }),
      Service: versionOf(services),
      Deployment: versionOf(deployments),
      Pod: versionOf(pods),
    }),
  };
}

export async function readNamespaceInfo(consoleKube: KubeConfig, namespace: string) {
  try {
    const ns = await consoleKube.makeApiClient(CoreV1Api).readNamespace({ name: namespace });
    return {
      description: ns.metadata?.annotations?.[descriptionAnnotation] ?? '',
      phase: ns.status?.phase === 'Terminating' ? ('Terminating' as const) : ('Active' as const),
      namespaceInjection: ns.metadata?.labels?.['istio-injection'] === 'enabled',
    };
  } catch (error) {
    if (apiRefusal(error)?.code === 404) {
      throw new ApiError('NotFound', `project "${namespace}" does not exist`);
    }
    throw error;
  }
}

export async function getProjectOverview(
  userKube: KubeConfig,
  consoleKube: KubeConfig,
  namespace: string,
): Promise<ProjectOverview> {
  const { objects, cursor } = await readProjectObjects(userKube, namespace);
  const info = await readNamespaceInfo(consoleKube, namespace);
  return {
    name: namespace,
    ...info,
    applications: buildApplications({
      ...asModelInput(objects),
      namespaceInjection: info.namespaceInjection,
    }),
    objects,
    cursor,
  };
}
