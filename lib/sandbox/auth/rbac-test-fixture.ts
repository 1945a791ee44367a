/**
 * The RBAC policy the auth tests decide against: Kubernetes' bootstrap policy (aggregated, as a
 * running cluster has it) plus the bindings a project console creates, in two namespaces `a` and `b`.
 */
import { aggregateClusterRoles } from './aggregation';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './bootstrap-policy';
import {
  buildClusterRoleBinding,
  buildRole,
  buildRoleBinding,
  clusterRoleRef,
  groupSubject,
  roleRef,
  serviceAccountSubject,
  userSubject,
} from './rbac-builders';
import type { RbacSnapshot } from './rbac-types';
import {
  allAuthenticatedGroup,
  serviceAccountUser,
  systemMastersGroup,
  type UserInfo,
} from './user-info';

/** A signed-in user: their name, their groups, and `system:authenticated` as every real one has. */
export function signedIn(name: string, ...groups: string[]): UserInfo {
  return { name, groups: [...groups, allAuthenticatedGroup] };
}

export const viewer = signedIn('vera');
export const editor = signedIn('eddie');
export const projectAdmin = signedIn('ada');
export const clusterAdmin = signedIn('root');
export const master = signedIn('loopback', systemMastersGroup);
export const teamMember = signedIn('tim', 'team-b');
export const stranger = signedIn('nobody');
export const deployer = serviceAccountUser('a', 'deployer');

export function testSnapshot(): RbacSnapshot {
  return {
    clusterRoles: aggregateClusterRoles(bootstrapClusterRoles()),
    clusterRoleBindings: [
      ...bootstrapClusterRoleBindings(),
      buildClusterRoleBinding('root-admin', clusterRoleRef('cluster-admin'), [userSubject('root')]),
    ],
    roles: [
      buildRole('a', 'deployer', [
        {
          verbs: ['get', 'list', 'watch', 'update', 'patch'],
          apiGroups: ['apps'],
          resources: ['deployments'],
          resourceNames: ['web'],
        },
        { verbs: ['update'], apiGroups: ['apps'], resources: ['deployments/scale'] },
        { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] },
      ]),
      buildRole('a', 'scaler', [
        { verbs: ['get', 'update'], apiGroups: ['*'], resources: ['*/scale'] },
        { verbs: ['get'], apiGroups: [''], resources: ['pods/*'] },
      ]),
    ],
    roleBindings: [
      buildRoleBinding('a', 'vera-view', clusterRoleRef('view'), [userSubject('vera')]),
      buildRoleBinding('a', 'eddie-edit', clusterRoleRef('edit'), [userSubject('eddie')]),
      buildRoleBinding('a', 'ada-admin', clusterRoleRef('admin'), [userSubject('ada')]),
      buildRoleBinding('b', 'team-b-edit', clusterRoleRef('edit'), [groupSubject('team-b')]),
      // No namespace on the subject: the ServiceAccount is the binding's own namespace's.
      buildRoleBinding('a', 'deployer', roleRef('deployer'), [serviceAccountSubject('deployer')]),
      buildRoleBinding('a', 'scaler', roleRef('scaler'), [userSubject('sam')]),
      buildRoleBinding('a', 'dangling', roleRef('gone'), [userSubject('nobody')]),
      buildRoleBinding('b', 'dangling-cluster', clusterRoleRef('vanished'), [
        userSubject('nobody'),
      ]),
    ],
  };
}
