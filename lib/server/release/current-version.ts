import 'server-only';
import { AppsV1Api, type KubeConfig } from '@kubernetes/client-node';
import { appLabel, appVersionOf, recommendedAppLabel } from '@/lib/domain/release';
import {
  ReleaseNotFoundError,
  ReleaseValidationError,
  reportingReleaseErrors,
} from './release-errors';

/**
 * The version of a service serving now (KubeSphere's "current version"), which a new release
 * takes as its stable version: the version label of the service's one Deployment besides the new
 * version, read by either label convention (`app`/`version`, `app.kubernetes.io/name`/`version`).
 */
export async function currentVersionOf(
  kubeConfig: KubeConfig,
  namespace: string,
  service: string,
  newVersion: string,
): Promise<string> {
  return reportingReleaseErrors(async () => {
    const apps = kubeConfig.makeApiClient(AppsV1Api);
    const found = new Set<string>();
    for (const label of [appLabel, recommendedAppLabel]) {
      const list = await apps.listNamespacedDeployment({
        namespace,
        labelSelector: `${label}=${service}`,
      });
      for (const deployment of list.items) {
        const { version } = appVersionOf(deployment.metadata?.labels);
        if (version && version !== newVersion) found.add(version);
      }
    }
    const versions = [...found].sort();
    if (versions.length === 0)
      throw new ReleaseNotFoundError(
        `no Deployment of ${service} to release from: looked for ${appLabel}=${service} or ${recommendedAppLabel}=${service} with a version label`,
      );
    if (versions.length > 1)
      throw new ReleaseValidationError([
        {
          path: 'stableVersion',
          message: `${service} runs several versions (${versions.join(', ')}): say which one is stable`,
        },
      ]);
    return versions[0]!;
  });
}
