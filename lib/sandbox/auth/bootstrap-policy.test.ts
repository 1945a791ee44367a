import { describe, expect, it } from 'vitest';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './bootstrap-policy';
import { aggregateClusterRoles } from './aggregation';
import type { PolicyRule } from './rbac-types';
import { ruleAllows } from './rule-matching';
import { nonResourceAttributes, resourceAttributes } from './request-attributes';

const roles = aggregateClusterRoles(bootstrapClusterRoles());
const rulesOf = (name: string): PolicyRule[] =>
  roles.find((role) => role.metadata.name === name)?.rules ?? [];
const grants = (role: string, attributes: Parameters<typeof ruleAllows>[1]) =>
  rulesOf(role).some((rule) => ruleAllows(rule, attributes));

describe('bootstrap policy', () => {
  it.each([
    ['view', 'get', '', 'secrets', false],
    ['view', 'list', '', 'secrets', false],
    ['view', 'watch', '', 'configmaps', true],
    ['view', 'get', 'batch', 'cronjobs', true],
    ['view', 'get', 'networking.k8s.io', 'ingresses', true],
    ['view', 'get', 'policy', 'poddisruptionbudgets', true],
    ['view', 'get', 'discovery.k8s.io', 'endpointslices', true],
    ['view', 'get', 'coordination.k8s.io', 'leases', false],
    ['view', 'get', 'rbac.authorization.k8s.io', 'roles', false],
    ['edit', 'create', '', 'secrets', true],
    ['edit', 'create', 'batch', 'jobs', true],
    ['edit', 'update', 'autoscaling', 'horizontalpodautoscalers', true],
    ['edit', 'delete', 'networking.k8s.io', 'networkpolicies', true],
    ['edit', 'create', 'rbac.authorization.k8s.io', 'rolebindings', false],
    ['edit', 'update', '', 'resourcequotas', false],
    ['edit', 'impersonate', '', 'serviceaccounts', true],
    ['admin', 'create', 'rbac.authorization.k8s.io', 'rolebindings', true],
    ['admin', 'create', 'rbac.authorization.k8s.io', 'roles', true],
    ['admin', 'create', 'authorization.k8s.io', 'localsubjectaccessreviews', true],
    ['admin', 'create', 'rbac.authorization.k8s.io', 'clusterroles', false],
    ['cluster-admin', 'escalate', 'rbac.authorization.k8s.io', 'clusterroles', true],
  ])('%s %s %s/%s -> %s', (role, verb, apiGroup, resource, allowed) => {
    expect(grants(role, resourceAttributes({ verb, apiGroup, resource, namespace: 'a' }))).toBe(
      allowed,
    );
  });

  it.each([
    ['system:discovery', '/apis/apps/v1', true],
    ['system:discovery', '/openapi/v3/apis/apps/v1', true],
    ['system:discovery', '/livez', true],
    ['system:discovery', '/metrics', false],
    ['system:public-info-viewer', '/version', true],
    ['system:public-info-viewer', '/readyz', true],
    ['system:public-info-viewer', '/apis', false],
    ['system:monitoring', '/readyz/etcd', true],
    ['cluster-admin', '/anything/at/all', true],
  ])('%s get %s -> %s', (role, path, allowed) => {
    expect(grants(role, nonResourceAttributes('get', path))).toBe(allowed);
  });

  it('sorts every list of every rule, as the bootstrap rule builder does', () => {
    for (const rule of bootstrapClusterRoles().flatMap((role) => role.rules ?? [])) {
      for (const list of [rule.verbs, rule.apiGroups, rule.resources, rule.nonResourceURLs]) {
        if (list) expect(list).toEqual([...list].sort());
      }
    }
  });

  it('binds discovery and basic-user to signed-in users, public info to everyone', () => {
    const subjects = Object.fromEntries(
      bootstrapClusterRoleBindings().map((binding) => [
        binding.metadata.name,
        (binding.subjects ?? []).map((s) => s.name),
      ]),
    );
    expect(subjects['system:discovery']).toEqual(['system:authenticated']);
    expect(subjects['system:basic-user']).toEqual(['system:authenticated']);
    expect(subjects['system:public-info-viewer']).toEqual([
      'system:authenticated',
      'system:unauthenticated',
    ]);
    expect(subjects['cluster-admin']).toEqual(['system:masters']);
  });
});
