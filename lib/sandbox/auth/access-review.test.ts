import { describe, expect, it } from 'vitest';
import {
  localSubjectAccessReview,
  selfSubjectAccessReview,
  selfSubjectRulesReview,
  subjectAccessReview,
} from './access-review';
import { createRbacAuthorizer } from './rbac-authorizer';
import { deployer, editor, master, stranger, testSnapshot, viewer } from './rbac-test-fixture';

const authorizer = createRbacAuthorizer(testSnapshot());

function ssar(spec: Record<string, unknown>) {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: { creationTimestamp: null },
    spec,
  };
}

describe('SelfSubjectAccessReview', () => {
  it.each([
    [
      editor,
      {
        resourceAttributes: {
          namespace: 'a',
          verb: 'create',
          group: 'apps',
          resource: 'deployments',
        },
      },
      {
        allowed: true,
        reason: 'RBAC: allowed by RoleBinding "eddie-edit/a" of ClusterRole "edit" to User "eddie"',
      },
    ],
    [
      viewer,
      {
        resourceAttributes: {
          namespace: 'a',
          verb: 'delete',
          group: 'apps',
          resource: 'deployments',
          name: 'web',
        },
      },
      { allowed: false },
    ],
    [
      viewer,
      {
        resourceAttributes: {
          namespace: 'a',
          verb: 'get',
          resource: 'pods',
          subresource: 'log',
          name: 'web',
        },
      },
      {
        allowed: true,
        reason: 'RBAC: allowed by RoleBinding "vera-view/a" of ClusterRole "view" to User "vera"',
      },
    ],
    [
      stranger,
      { nonResourceAttributes: { path: '/apis', verb: 'get' } },
      {
        allowed: true,
        reason:
          'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
      },
    ],
    [
      stranger,
      { resourceAttributes: { namespace: 'a', verb: 'get', resource: 'pods' } },
      { allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "gone" not found' },
    ],
    [master, { resourceAttributes: { verb: 'delete', resource: 'nodes' } }, { allowed: true }],
  ])('%#: answers the caller', (user, spec, status) => {
    const answered = selfSubjectAccessReview(authorizer, user, ssar(spec));
    expect(answered).toEqual({ ...ssar(spec), status });
  });

  it.each([
    [
      {},
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    ],
    [
      {
        resourceAttributes: { verb: 'get', resource: 'pods' },
        nonResourceAttributes: { path: '/x', verb: 'get' },
      },
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: cannot be specified in combination with resourceAttributes',
    ],
  ])('refuses an invalid spec %j with 422', (spec, message) => {
    expect(() => selfSubjectAccessReview(authorizer, editor, ssar(spec))).toThrow(message);
  });

  it('refuses a body that does not decode with 400', () => {
    expect(() =>
      selfSubjectAccessReview(authorizer, editor, { spec: { resourceAttributes: { verb: 7 } } }),
    ).toThrowError(expect.objectContaining({ code: 400 }));
  });
});

describe('SubjectAccessReview and LocalSubjectAccessReview', () => {
  it('answers for the user the spec names, groups included', () => {
    const answered = subjectAccessReview(authorizer, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: 'tim',
        groups: ['team-b'],
        resourceAttributes: {
          namespace: 'b',
          verb: 'create',
          group: 'apps',
          resource: 'deployments',
        },
      },
    });
    expect(answered.status).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "team-b-edit/b" of ClusterRole "edit" to Group "team-b"',
    });
  });

  it('requires a user or a group', () => {
    expect(() =>
      subjectAccessReview(authorizer, {
        spec: { resourceAttributes: { verb: 'get', resource: 'pods' } },
      }),
    ).toThrow(
      'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
    );
  });

  it('keeps a local review inside its namespace', () => {
    const body = (namespace: string) => ({
      metadata: { namespace: 'a' },
      spec: { user: 'eddie', resourceAttributes: { namespace, verb: 'get', resource: 'secrets' } },
    });
    expect(localSubjectAccessReview(authorizer, 'a', body('a')).status.allowed).toBe(true);
    expect(() => localSubjectAccessReview(authorizer, 'a', body('b'))).toThrow(
      'spec.resourceAttributes.namespace: Invalid value: "b": must match metadata.namespace',
    );
    expect(() => localSubjectAccessReview(authorizer, 'b', body('a'))).toThrow(
      'spec.resourceAttributes.namespace must match namespace: b',
    );
  });
});

describe('SelfSubjectRulesReview', () => {
  it('lists the rules bound to the caller in the namespace, split by kind', () => {
    const answered = selfSubjectRulesReview(authorizer, deployer, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      spec: { namespace: 'a' },
    });
    expect(answered.kind).toBe('SelfSubjectRulesReview');
    expect(answered.status.incomplete).toBe(false);
    expect(answered.status.resourceRules).toContainEqual({
      verbs: ['get', 'list', 'watch', 'update', 'patch'],
      apiGroups: ['apps'],
      resources: ['deployments'],
      resourceNames: ['web'],
    });
    expect(answered.status.resourceRules).toContainEqual({
      verbs: ['create'],
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    });
    expect(answered.status.nonResourceRules).toContainEqual({
      verbs: ['get'],
      nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'],
    });
    expect(
      answered.status.resourceRules.every(
        (rule) => rule.verbs.length > 0 && (rule.resources ?? []).length > 0,
      ),
    ).toBe(true);
  });

  it('reports unresolvable bindings as the evaluation error', () => {
    const answered = selfSubjectRulesReview(authorizer, stranger, { spec: { namespace: 'a' } });
    expect(answered.status.evaluationError).toBe('role.rbac.authorization.k8s.io "gone" not found');
  });

  it('requires a namespace', () => {
    expect(() => selfSubjectRulesReview(authorizer, viewer, { spec: {} })).toThrow(
      'no namespace on request',
    );
  });
});
