import 'server-only';
import {
  CoreV1Api,
  CustomObjectsApi,
  RbacAuthorizationV1Api,
  type KubeConfig,
  type V1Namespace,
  type V1RoleBinding,
} from '@kubernetes/client-node';
import type { CurrentUser } from '@/lib/domain/accounts/account-schema';
import {
  descriptionAnnotation,
  projectLabel,
  projectRoleOfClusterRole,
  projectRoles,
  type GovernanceState,
  type ProjectRole,
  type ProjectSummary,
} from '@/lib/domain/projects';
import { releaseGroup, releasePlural, releaseVersion } from '@/lib/domain/release';
import { apiRefusal } from '../kube/api-error';

/**
 * Which projects a person sees: the namespaces where a RoleBinding gives them (or one of their
 * groups) one of Aviary's project roles; every project for platform admins. Finding them needs
 * cluster-wide reads a person may not have, so this is one of the few places the console reads
 * with its own identity, and it returns only names, descriptions and counts of projects the
 * person is a member of.
 */

/**
 * Namespaces that are the cluster's or Aviary's own, not shown to platform admins as projects
 * (a member of one still sees it: a binding there makes it their project).
 */
export function isSystemNamespace(name: string, systemNamespace: string): boolean {
  return (
    name.startsWith('kube-') ||
    name === 'default' ||
    name === systemNamespace ||
    name === 'istio-system'
  );
}

function subjectMatches(
  binding: V1RoleBinding,
  user: Pick<CurrentUser, 'username' | 'groups'>,
): boolean {
  return (binding.subjects ?? []).some(
    (s) =>
      (s.kind === 'User' && s.name === user.username) ||
      (s.kind === 'Group' && user.groups.includes(s.name)),
  );
}

/** The strongest Aviary role the person holds in each namespace. */
export function rolesByNamespace(
  bindings: readonly V1RoleBinding[],
  user: Pick<CurrentUser, 'username' | 'groups'>,
): Map<string, ProjectRole> {
  const roles = new Map<string, ProjectRole>();
  for (const binding of bindings) {
    if (binding.roleRef.kind !== 'ClusterRole') continue;
    const role = projectRoleOfClusterRole(binding.roleRef.name);
    const namespace = binding.metadata?.namespace;
    if (!role || !namespace || !subjectMatches(binding, user)) continue;
    const held = roles.get(namespace);
    if (!held || projectRoles.indexOf(role) > projectRoles.indexOf(held))
      roles.set(namespace, role);
  }
  return roles;
}

type Listed = { metadata?: { namespace?: string; annotations?: Record<string, string> } };

async function listAll<T>(call: () => Promise<{ items: T[] }>): Promise<T[]> {
  try {
    return (await call()).items;
  } catch (error) {
    // A cluster without the CRD (no Application kind, say) simply has none of them.
    if (apiRefusal(error)?.code === 404) return [];
    throw error;
  }
}

function countBy<T extends Listed>(items: readonly T[]): Map<string, T[]> {
  const byNamespace = new Map<string, T[]>();
  for (const item of items) {
    const ns = item.metadata?.namespace;
    if (ns) byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), item]);
  }
  return byNamespace;
}

function governanceOfApplications(applications: readonly Listed[]): GovernanceState {
  if (applications.length === 0) return 'none';
  const on = applications.filter(
    (a) => a.metadata?.annotations?.['servicemesh.kubesphere.io/enabled'] === 'true',
  ).length;
  return on === applications.length ? 'on' : on === 0 ? 'off' : 'partial';
}

export async function listProjects(
  consoleKube: KubeConfig,
  user: CurrentUser,
  systemNamespace: string,
): Promise<ProjectSummary[]> {
  const core = consoleKube.makeApiClient(CoreV1Api);
  const rbac = consoleKube.makeApiClient(RbacAuthorizationV1Api);
  const custom = consoleKube.makeApiClient(CustomObjectsApi);
  const [namespaces, bindings, jobs, applications] = await Promise.all([
    core.listNamespace(),
    rbac.listRoleBindingForAllNamespaces(),
    listAll(
      () =>
        custom.listClusterCustomObject({
          group: releaseGroup,
          version: releaseVersion,
          plural: releasePlural,
        }) as Promise<{ items: Listed[] }>,
    ),
    listAll(
      () =>
        custom.listClusterCustomObject({
          group: 'app.k8s.io',
          version: 'v1beta1',
          plural: 'applications',
        }) as Promise<{ items: Listed[] }>,
    ),
  ]);
  const roles = rolesByNamespace(bindings.items, user);
  const jobsByNs = countBy(jobs);
  const appsByNs = countBy(applications);
  const membersByNs = new Map<string, number>();
  for (const binding of bindings.items) {
    const ns = binding.metadata?.namespace;
    if (
      !ns ||
      binding.roleRef.kind !== 'ClusterRole' ||
      !projectRoleOfClusterRole(binding.roleRef.name)
    )
      continue;
    membersByNs.set(ns, (membersByNs.get(ns) ?? 0) + (binding.subjects?.length ?? 0));
  }
  const visible = (ns: V1Namespace) => {
    const name = ns.metadata?.name ?? '';
    if (roles.has(name)) return true;
    return user.platformRole === 'admin' && !isSystemNamespace(name, systemNamespace);
  };
  return namespaces.items
    .filter(visible)
    .map((ns): ProjectSummary => {
      const name = ns.metadata!.name!;
      const role = roles.get(name);
      const apps = appsByNs.get(name) ?? [];
      return {
        name,
        description: ns.metadata?.annotations?.[descriptionAnnotation] ?? '',
        ...(ns.metadata?.creationTimestamp
          ? { createdAt: new Date(ns.metadata.creationTimestamp).toISOString() }
          : {}),
        ...(role ? { role } : {}),
        members: membersByNs.get(name) ?? 0,
        releaseJobs: jobsByNs.get(name)?.length ?? 0,
        applications: apps.length,
        governance: governanceOfApplications(apps),
        phase: ns.status?.phase === 'Terminating' ? 'Terminating' : 'Active',
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Creates a project as the person (a platform admin, whose group the cluster binds to
 * cluster-admin): a namespace labelled as Aviary's, with Istio's sidecar injection on, so the
 * workloads deployed there are governed from the start.
 */
export async function createProject(
  userKube: KubeConfig,
  input: { name: string; description: string },
): Promise<ProjectSummary> {
  const core = userKube.makeApiClient(CoreV1Api);
  const created = await core.createNamespace({
    body: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: input.name,
        labels: { [projectLabel]: 'true', 'istio-injection': 'enabled' },
        annotations: input.description ? { [descriptionAnnotation]: input.description } : {},
      },
    },
  });
  return {
    name: input.name,
    description: input.description,
    ...(created.metadata?.creationTimestamp
      ? { createdAt: new Date(created.metadata.creationTimestamp).toISOString() }
      : {}),
    members: 0,
    releaseJobs: 0,
    applications: 0,
    governance: 'none',
    phase: 'Active',
  };
}
