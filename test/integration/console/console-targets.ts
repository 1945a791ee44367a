import {
  AppsV1Api,
  CoreV1Api,
  RbacAuthorizationV1Api,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { injectionLabel, type ProjectRole } from '@/lib/domain/projects';
import { AccountStore } from '@/lib/server/accounts/account-store';
import { memberRoleBinding } from '@/lib/server/projects/members';
import { password, type ConsoleFixture } from './console-fixture';

/**
 * Objects the console tests act on, made with the sandbox admin's kubeconfig: fresh accounts and
 * members for calls that change or remove them (one per test cell, so no cell sees another's
 * leftovers), and one application in demo-project for governance.
 */

export const project = 'demo-project';
/** An application of demo-project: Service `details` and Deployment `details-v1` (app=details). */
export const application = 'details';
const deploymentName = 'details-v1';

/** Creates the account `username` (platform role user) with the cast's password. */
export async function freshAccount(f: ConsoleFixture, username: string): Promise<string> {
  await new AccountStore(f.kc, 'aviary-system').create(username, 'user', password);
  return username;
}

/** Makes `username` a member of `namespace` as the console would (its binding, its labels). */
export async function freshMember(
  f: ConsoleFixture,
  username: string,
  role: ProjectRole = 'viewer',
  namespace = project,
): Promise<string> {
  await f.kc.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({
    namespace,
    body: memberRoleBinding(namespace, username, role),
  });
  return username;
}

/** The application `details` in demo-project: a Service and one Deployment (version v1). */
export async function seedApplication(f: ConsoleFixture): Promise<void> {
  const labels = { app: application, version: 'v1' };
  await f.kc.makeApiClient(CoreV1Api).createNamespacedService({
    namespace: project,
    body: {
      metadata: { name: application, labels: { app: application } },
      spec: { selector: { app: application }, ports: [{ name: 'http', port: 9080 }] },
    },
  });
  await f.kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
    namespace: project,
    body: {
      metadata: { name: deploymentName, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: application, image: 'aviary/bookinfo-details:v1' }] },
        },
      },
    },
  });
}

/** The application's sidecar injection label on its pod template (undefined when unset). */
export async function injectionOf(f: ConsoleFixture): Promise<string | undefined> {
  const deployment = await f.kc
    .makeApiClient(AppsV1Api)
    .readNamespacedDeployment({ name: deploymentName, namespace: project });
  return deployment.spec?.template.metadata?.labels?.[injectionLabel];
}

/**
 * What the cluster holds that a refused or invalid request could have changed, by
 * resourceVersion: the account and session Secrets, every RoleBinding, Namespace and Deployment.
 */
export async function clusterSnapshot(f: ConsoleFixture): Promise<string[]> {
  const core = f.kc.makeApiClient(CoreV1Api);
  const rbac = f.kc.makeApiClient(RbacAuthorizationV1Api);
  const apps = f.kc.makeApiClient(AppsV1Api);
  const lists = await Promise.all([
    core.listNamespacedSecret({ namespace: 'aviary-system' }),
    rbac.listRoleBindingForAllNamespaces(),
    core.listNamespace(),
    apps.listDeploymentForAllNamespaces(),
  ]);
  return lists
    .flatMap((list, i) =>
      (list.items as KubernetesObject[]).map(
        (o) =>
          `${i} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}@${o.metadata?.resourceVersion}`,
      ),
    )
    .sort();
}
