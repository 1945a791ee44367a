/**
 * The default ClusterRoles and ClusterRoleBindings kube-apiserver creates at start
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go), for the roles a console user meets:
 * cluster-admin, the user-facing admin / edit / view (aggregated from the system:aggregate-to-*
 * roles and from each other), discovery, basic-user, public-info-viewer, monitoring, auth-delegator
 * and service-account-issuer-discovery. The node, controller and scheduler roles are left out: the
 * sandbox has none of those components.
 *
 * admin, edit and view are returned as kube-apiserver stores them, with an aggregationRule and no
 * rules; `aggregateClusterRoles` fills them in, as the aggregation controller does.
 */
import {
  rbacApiVersion,
  rbacGroup,
  type ClusterRole,
  type ClusterRoleBinding,
  type PolicyRule,
} from './rbac-types';
import {
  allAuthenticatedGroup,
  allServiceAccountsGroup,
  allUnauthenticatedGroup,
  systemMastersGroup,
} from './user-info';

export const read = ['get', 'list', 'watch'];
export const write = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const readWrite = [...read, ...write];

export const aggregateToAdminLabel = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const aggregateToEditLabel = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const aggregateToViewLabel = 'rbac.authorization.k8s.io/aggregate-to-view';

const legacyGroup = '';
const appsGroup = 'apps';
const authenticationGroup = 'authentication.k8s.io';
const authorizationGroup = 'authorization.k8s.io';
const autoscalingGroup = 'autoscaling';
const batchGroup = 'batch';
const coordinationGroup = 'coordination.k8s.io';
const discoveryGroup = 'discovery.k8s.io';
const extensionsGroup = 'extensions';
const networkingGroup = 'networking.k8s.io';
const policyGroup = 'policy';

/** A resource rule, its lists sorted as `rbacv1helpers.PolicyRuleBuilder` sorts them. */
function resourceRule(verbs: string[], groups: string[], resources: string[]): PolicyRule {
  return { verbs: sorted(verbs), apiGroups: sorted(groups), resources: sorted(resources) };
}

function urlRule(verbs: string[], urls: string[]): PolicyRule {
  return { verbs: sorted(verbs), nonResourceURLs: sorted(urls) };
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

function clusterRole(
  name: string,
  rules: PolicyRule[],
  extra: { labels?: Record<string, string>; aggregateFrom?: string } = {},
): ClusterRole {
  return {
    apiVersion: rbacApiVersion,
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: { ...extra.labels, 'kubernetes.io/bootstrapping': 'rbac-defaults' },
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
    },
    ...(extra.aggregateFrom
      ? {
          aggregationRule: {
            clusterRoleSelectors: [{ matchLabels: { [extra.aggregateFrom]: 'true' } }],
          },
        }
      : {}),
    rules,
  };
}

/** The default ClusterRoles (admin, edit and view not yet aggregated). */
export function bootstrapClusterRoles(): ClusterRole[] {
  return [
    // A "root" role which can do absolutely anything.
    clusterRole('cluster-admin', [resourceRule(['*'], ['*'], ['*']), urlRule(['*'], ['*'])]),
    // Just enough to see whether the server is ready and to discover API versions.
    clusterRole('system:discovery', [
      urlRule(
        ['get'],
        [
          '/livez',
          '/readyz',
          '/healthz',
          '/version',
          '/version/',
          '/openapi',
          '/openapi/*',
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
        ],
      ),
    ]),
    clusterRole('system:monitoring', [
      urlRule(
        ['get'],
        [
          '/metrics',
          '/metrics/slis',
          '/livez',
          '/readyz',
          '/healthz',
          '/livez/*',
          '/readyz/*',
          '/healthz/*',
        ],
      ),
    ]),
    // Lets any signed-in user learn what they may do (`kubectl auth can-i`, the console's checks).
    clusterRole('system:basic-user', [
      resourceRule(
        ['create'],
        [authorizationGroup],
        ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      ),
      resourceRule(['create'], [authenticationGroup], ['selfsubjectreviews']),
    ]),
    clusterRole('system:public-info-viewer', [
      urlRule(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/']),
    ]),
    clusterRole('admin', [], { aggregateFrom: aggregateToAdminLabel }),
    clusterRole('edit', [], {
      labels: { [aggregateToAdminLabel]: 'true' },
      aggregateFrom: aggregateToEditLabel,
    }),
    clusterRole('view', [], {
      labels: { [aggregateToEditLabel]: 'true' },
      aggregateFrom: aggregateToViewLabel,
    }),
    // admin = edit + granting permissions to others in the namespace.
    clusterRole('system:aggregate-to-admin', aggregateToAdminRules(), {
      labels: { [aggregateToAdminLabel]: 'true' },
    }),
    clusterRole('system:aggregate-to-edit', aggregateToEditRules(), {
      labels: { [aggregateToEditLabel]: 'true' },
    }),
    clusterRole('system:aggregate-to-view', aggregateToViewRules(), {
      labels: { [aggregateToViewLabel]: 'true' },
    }),
    clusterRole('system:auth-delegator', [
      resourceRule(['create'], [authenticationGroup], ['tokenreviews']),
      resourceRule(['create'], [authorizationGroup], ['subjectaccessreviews']),
    ]),
    clusterRole('system:service-account-issuer-discovery', [
      urlRule(
        ['get'],
        [
          '/.well-known/openid-configuration',
          '/.well-known/openid-configuration/',
          '/openid/v1/jwks',
          '/openid/v1/jwks/',
        ],
      ),
    ]),
  ];
}

function aggregateToAdminRules(): PolicyRule[] {
  return [
    resourceRule(['create'], [authorizationGroup], ['localsubjectaccessreviews']),
    resourceRule(readWrite, [rbacGroup], ['roles', 'rolebindings']),
  ];
}

/**
 * edit: write most namespaced resources, secrets included, and read the escalating ones; never
 * roles or rolebindings, never `/status` or quotas. Reading comes from view, which edit aggregates.
 */
function aggregateToEditRules(): PolicyRule[] {
  return [
    resourceRule(
      read,
      [legacyGroup],
      ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy'],
    ),
    resourceRule(['impersonate'], [legacyGroup], ['serviceaccounts']),
    resourceRule(
      write,
      [legacyGroup],
      ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward'],
    ),
    resourceRule(['create'], [legacyGroup], ['pods/eviction']),
    resourceRule(
      write,
      [legacyGroup],
      [
        'replicationcontrollers',
        'replicationcontrollers/scale',
        'serviceaccounts',
        'services',
        'services/proxy',
        'persistentvolumeclaims',
        'configmaps',
        'secrets',
        'events',
      ],
    ),
    resourceRule(['create'], [legacyGroup], ['serviceaccounts/token']),
    resourceRule(
      write,
      [appsGroup],
      [
        'statefulsets',
        'statefulsets/scale',
        'daemonsets',
        'deployments',
        'deployments/scale',
        'deployments/rollback',
        'replicasets',
        'replicasets/scale',
      ],
    ),
    resourceRule(write, [autoscalingGroup], ['horizontalpodautoscalers']),
    resourceRule(write, [batchGroup], ['jobs', 'cronjobs']),
    resourceRule(
      write,
      [extensionsGroup],
      [
        'daemonsets',
        'deployments',
        'deployments/scale',
        'deployments/rollback',
        'ingresses',
        'replicasets',
        'replicasets/scale',
        'replicationcontrollers/scale',
        'networkpolicies',
      ],
    ),
    resourceRule(write, [policyGroup], ['poddisruptionbudgets']),
    resourceRule(write, [networkingGroup], ['networkpolicies', 'ingresses']),
    resourceRule(readWrite, [coordinationGroup], ['leases']),
  ];
}

/** view: read-only on non-escalating namespaced resources; never secrets, never pods/exec. */
function aggregateToViewRules(): PolicyRule[] {
  return [
    resourceRule(
      read,
      [legacyGroup],
      [
        'pods',
        'replicationcontrollers',
        'replicationcontrollers/scale',
        'serviceaccounts',
        'services',
        'services/status',
        'endpoints',
        'persistentvolumeclaims',
        'persistentvolumeclaims/status',
        'configmaps',
      ],
    ),
    resourceRule(
      read,
      [legacyGroup],
      [
        'limitranges',
        'resourcequotas',
        'bindings',
        'events',
        'pods/status',
        'resourcequotas/status',
        'namespaces/status',
        'replicationcontrollers/status',
        'pods/log',
      ],
    ),
    // Reading namespaces in a namespace means reading that namespace: how users find theirs.
    resourceRule(read, [legacyGroup], ['namespaces']),
    resourceRule(read, [discoveryGroup], ['endpointslices']),
    resourceRule(
      read,
      [appsGroup],
      [
        'controllerrevisions',
        'statefulsets',
        'statefulsets/status',
        'statefulsets/scale',
        'daemonsets',
        'daemonsets/status',
        'deployments',
        'deployments/status',
        'deployments/scale',
        'replicasets',
        'replicasets/status',
        'replicasets/scale',
      ],
    ),
    resourceRule(
      read,
      [autoscalingGroup],
      ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'],
    ),
    resourceRule(read, [batchGroup], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
    resourceRule(
      read,
      [extensionsGroup],
      [
        'daemonsets',
        'daemonsets/status',
        'deployments',
        'deployments/scale',
        'deployments/status',
        'ingresses',
        'ingresses/status',
        'replicasets',
        'replicasets/scale',
        'replicasets/status',
        'replicationcontrollers/scale',
        'networkpolicies',
      ],
    ),
    resourceRule(read, [policyGroup], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
    resourceRule(read, [networkingGroup], ['networkpolicies', 'ingresses', 'ingresses/status']),
  ];
}

function clusterRoleBinding(
  roleName: string,
  subjects: Array<{ kind: 'Group' | 'User'; name: string }>,
): ClusterRoleBinding {
  return {
    apiVersion: rbacApiVersion,
    kind: 'ClusterRoleBinding',
    metadata: {
      name: roleName,
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
    },
    roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: roleName },
    subjects: subjects.map((subject) => ({ ...subject, apiGroup: rbacGroup })),
  };
}

/** The default ClusterRoleBindings, each named after the ClusterRole it binds. */
export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  const group = (name: string) => ({ kind: 'Group' as const, name });
  return [
    clusterRoleBinding('cluster-admin', [group(systemMastersGroup)]),
    clusterRoleBinding('system:monitoring', [group('system:monitoring')]),
    clusterRoleBinding('system:discovery', [group(allAuthenticatedGroup)]),
    clusterRoleBinding('system:basic-user', [group(allAuthenticatedGroup)]),
    // Health and version are public: unauthenticated load balancers probe them.
    clusterRoleBinding('system:public-info-viewer', [
      group(allAuthenticatedGroup),
      group(allUnauthenticatedGroup),
    ]),
    clusterRoleBinding('system:service-account-issuer-discovery', [group(allServiceAccountsGroup)]),
  ];
}
