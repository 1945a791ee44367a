import { resources, type ClusterClient } from '../apiserver/cluster-client';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from '../auth/bootstrap-policy';

/**
 * Creates the default ClusterRoles and ClusterRoleBindings that are missing, as kube-apiserver's
 * bootstrap-roles post-start hook does. Existing objects are left alone, so a restart changes
 * nothing and a role the user edited keeps their edit. Returns how many objects it created.
 */
export function installBootstrapPolicy(client: ClusterClient): number {
  let created = 0;
  for (const role of bootstrapClusterRoles()) {
    if (client.get(resources.clusterroles, undefined, role.metadata.name!)) continue;
    client.create(resources.clusterroles, role);
    created += 1;
  }
  for (const binding of bootstrapClusterRoleBindings()) {
    if (client.get(resources.clusterrolebindings, undefined, binding.metadata.name!)) continue;
    client.create(resources.clusterrolebindings, binding);
    created += 1;
  }
  return created;
}
