import { describe, expect, it } from 'vitest';
import { aggregateClusterRoles, rulesEqual } from './aggregation';
import { aggregateToViewLabel, bootstrapClusterRoles } from './bootstrap-policy';
import { compileLabelSelector } from './label-selector';
import { createRbacAuthorizer } from './rbac-authorizer';
import { buildClusterRole, buildRoleBinding, clusterRoleRef, userSubject } from './rbac-builders';
import type { ClusterRole, PolicyRule } from './rbac-types';
import { resourceAttributes } from './request-attributes';
import { signedIn } from './rbac-test-fixture';

const releaseJobRead: PolicyRule = {
  verbs: ['get', 'list', 'watch'],
  apiGroups: ['aviary.dev'],
  resources: ['releasejobs'],
};

function rulesOf(roles: ClusterRole[], name: string): PolicyRule[] {
  return roles.find((role) => role.metadata.name === name)?.rules ?? [];
}

function hasRule(rules: PolicyRule[], rule: PolicyRule): boolean {
  return rules.some((existing) => rulesEqual(existing, rule));
}

describe('aggregateClusterRoles', () => {
  const bootstrap = bootstrapClusterRoles();
  const aggregated = aggregateClusterRoles(bootstrap);

  it('fills view, edit and admin from the aggregate-to roles and from each other', () => {
    const view = rulesOf(aggregated, 'view');
    const edit = rulesOf(aggregated, 'edit');
    const admin = rulesOf(aggregated, 'admin');
    expect(view).toEqual(rulesOf(bootstrap, 'system:aggregate-to-view'));
    // Roles picked by one selector come in name order: "edit" < "system:aggregate-to-admin" < "view".
    expect(edit).toEqual([...rulesOf(bootstrap, 'system:aggregate-to-edit'), ...view]);
    expect(admin).toEqual([...edit, ...rulesOf(bootstrap, 'system:aggregate-to-admin')]);
  });

  it('leaves roles without an aggregationRule as the same objects', () => {
    const unchanged = aggregated
      .filter((role, i) => role === bootstrap[i])
      .map((role) => role.metadata.name);
    expect(unchanged).toContain('cluster-admin');
    expect(unchanged).not.toContain('view');
  });

  it('extends view, edit and admin with a new ClusterRole labelled aggregate-to-view', () => {
    const withCrd = aggregateClusterRoles([
      ...aggregated,
      buildClusterRole('aviary-releasejobs-view', [releaseJobRead], {
        [aggregateToViewLabel]: 'true',
      }),
    ]);
    for (const name of ['view', 'edit', 'admin'])
      expect(hasRule(rulesOf(withCrd, name), releaseJobRead)).toBe(true);

    const authorizer = createRbacAuthorizer({
      roles: [],
      clusterRoles: withCrd,
      clusterRoleBindings: [],
      roleBindings: [buildRoleBinding('a', 'v', clusterRoleRef('view'), [userSubject('vera')])],
    });
    const listJobs = resourceAttributes({
      verb: 'list',
      apiGroup: 'aviary.dev',
      resource: 'releasejobs',
      namespace: 'a',
    });
    expect(authorizer.authorize(signedIn('vera'), listJobs).allowed).toBe(true);
  });

  it('replaces the rules of an aggregated role: a role that stops matching takes its rules away', () => {
    const labelled = buildClusterRole('extra', [releaseJobRead], {
      [aggregateToViewLabel]: 'true',
    });
    const first = aggregateClusterRoles([...bootstrap, labelled]);
    const relabelled = first.map((role) =>
      role.metadata.name === 'extra' ? { ...role, metadata: { name: 'extra' } } : role,
    );
    expect(hasRule(rulesOf(aggregateClusterRoles(relabelled), 'view'), releaseJobRead)).toBe(false);
  });

  it('orders rules by selector, then by role name, without duplicates', () => {
    const ruleA: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['a'] };
    const ruleB: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['b'] };
    const ruleC: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['c'] };
    const roles = aggregateClusterRoles([
      buildClusterRole('zz', [ruleB, ruleA], { pick: 'one' }),
      buildClusterRole('aa', [ruleA], { pick: 'one' }),
      buildClusterRole('mm', [ruleC, ruleB], { other: 'yes' }),
      {
        ...buildClusterRole('union', [{ verbs: ['delete'], apiGroups: ['*'], resources: ['*'] }]),
        aggregationRule: {
          clusterRoleSelectors: [
            { matchLabels: { pick: 'one' } },
            { matchExpressions: [{ key: 'other', operator: 'Exists' }] },
          ],
        },
      },
    ]);
    expect(rulesOf(roles, 'union')).toEqual([ruleA, ruleB, ruleC]);
  });

  it('keeps the rules of a role whose selector Kubernetes refuses', () => {
    const broken = {
      ...buildClusterRole('broken', [releaseJobRead]),
      aggregationRule: {
        clusterRoleSelectors: [{ matchExpressions: [{ key: 'x', operator: 'Near' }] }],
      },
    };
    expect(aggregateClusterRoles([broken])[0]).toBe(broken);
  });

  it('settles when aggregated roles select each other', () => {
    const rule: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
    const roles = aggregateClusterRoles([
      {
        ...buildClusterRole('left', [], { ring: 'yes' }),
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ring: 'yes' } }] },
      },
      {
        ...buildClusterRole('right', [rule], { ring: 'yes' }),
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ring: 'yes' } }] },
      },
    ]);
    expect(rulesOf(roles, 'left')).toEqual([rule]);
    expect(rulesOf(roles, 'right')).toEqual([rule]);
  });
});

describe('compileLabelSelector', () => {
  it.each([
    [{ matchLabels: { a: '1' } }, { a: '1', b: '2' }, true],
    [{ matchLabels: { a: '1' } }, { a: '2' }, false],
    [{}, undefined, true],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, { a: '2' }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1'] }] }, {}, false],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, { a: '1' }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, { a: '' }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' }, false],
  ])('%j on %j -> %s', (selector, labels, matches) => {
    const predicate = compileLabelSelector(selector);
    expect(typeof predicate === 'function' && predicate(labels)).toBe(matches);
  });

  it.each([
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      '"Gt" is not a valid label selector operator',
    ],
  ])('refuses %j', (selector, error) => {
    expect(compileLabelSelector(selector)).toEqual({ error });
  });
});
