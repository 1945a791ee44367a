import 'server-only';
import {
  AppsV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import {
  asModelInput,
  buildApplications,
  deploymentsOfApplication,
  injectionLabel,
} from '@/lib/domain/projects';
import { ApiError } from '../api/api-error';
import { readNamespaceInfo, readProjectObjects } from './project-overview';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/**
 * Application governance (KubeSphere's 开启应用治理) is Istio sidecar injection for every
 * workload of the application: the `sidecar.istio.io/inject` label on each Deployment's pod
 * template (Istio reads the label first), which rolls its pods, plus KubeSphere's annotation on
 * the Application object. Done as the person, so RBAC decides who may.
 */
export async function setGovernance(
  userKube: KubeConfig,
  consoleKube: KubeConfig,
  namespace: string,
  application: string,
  enabled: boolean,
): Promise<{ application: string; enabled: boolean; deployments: string[] }> {
  const { objects } = await readProjectObjects(userKube, namespace);
  const info = await readNamespaceInfo(consoleKube, namespace);
  const app = buildApplications({
    ...asModelInput(objects),
    namespaceInjection: info.namespaceInjection,
  }).find((a) => a.name === application);
  if (!app)
    throw new ApiError(
      'NotFound',
      `application "${application}" not found in project "${namespace}"`,
    );
  const deployments = deploymentsOfApplication(app);
  const value = enabled ? 'true' : 'false';
  const apps = userKube.makeApiClient(AppsV1Api);
  for (const name of deployments) {
    const current = objects.Deployment.find((d) => d.metadata.name === name);
    const labels = (
      current?.spec?.template as { metadata?: { labels?: Record<string, string> } } | undefined
    )?.metadata?.labels;
    if (labels?.[injectionLabel] === value) continue;
    await apps.patchNamespacedDeployment(
      {
        name,
        namespace,
        body: { spec: { template: { metadata: { labels: { [injectionLabel]: value } } } } },
      },
      mergePatch,
    );
  }
  if (app.source === 'Application') {
    await userKube.makeApiClient(CustomObjectsApi).patchNamespacedCustomObject(
      {
        group: 'app.k8s.io',
        version: 'v1beta1',
        namespace,
        plural: 'applications',
        name: application,
        body: { metadata: { annotations: { 'servicemesh.kubesphere.io/enabled': value } } },
      },
      mergePatch,
    );
  }
  return { application, enabled, deployments };
}
