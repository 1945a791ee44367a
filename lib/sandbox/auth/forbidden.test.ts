import { describe, expect, it } from 'vitest';
import { forbiddenError, forbiddenMessage } from './forbidden';
import { nonResourceAttributes, resourceAttributes } from './request-attributes';
import { signedIn } from './rbac-test-fixture';

const x = signedIn('x');

describe('the 403 Kubernetes answers', () => {
  it.each([
    [
      resourceAttributes({ verb: 'list', resource: 'pods', namespace: 'y' }),
      'User "x" cannot list resource "pods" in API group "" in the namespace "y"',
    ],
    [
      resourceAttributes({ verb: 'list', resource: 'nodes' }),
      'User "x" cannot list resource "nodes" in API group "" at the cluster scope',
    ],
    [
      resourceAttributes({
        verb: 'get',
        apiGroup: 'apps',
        resource: 'deployments',
        subresource: 'scale',
        namespace: 'y',
        name: 'web',
      }),
      'User "x" cannot get resource "deployments/scale" in API group "apps" in the namespace "y"',
    ],
    [nonResourceAttributes('get', '/foo'), 'User "x" cannot get path "/foo"'],
  ])('message for %j', (attributes, message) => {
    expect(forbiddenMessage(x, attributes)).toBe(message);
  });

  it.each([
    [
      resourceAttributes({ verb: 'list', resource: 'pods', namespace: 'y' }),
      '',
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'pods is forbidden: User "x" cannot list resource "pods" in API group "" in the namespace "y"',
        reason: 'Forbidden',
        details: { kind: 'pods' },
        code: 403,
      },
    ],
    [
      resourceAttributes({
        verb: 'get',
        apiGroup: 'apps',
        resource: 'deployments',
        subresource: 'scale',
        namespace: 'y',
        name: 'web',
      }),
      '',
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'deployments.apps "web" is forbidden: User "x" cannot get resource "deployments/scale" in API group "apps" in the namespace "y"',
        reason: 'Forbidden',
        details: { name: 'web', group: 'apps', kind: 'deployments' },
        code: 403,
      },
    ],
    [
      nonResourceAttributes('get', '/foo'),
      '',
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'forbidden: User "x" cannot get path "/foo"',
        reason: 'Forbidden',
        details: {},
        code: 403,
      },
    ],
  ])('Status body for %j', (attributes, reason, status) => {
    expect(forbiddenError(x, attributes, reason).toStatus()).toEqual(status);
  });

  it('appends the authorizer reason after the message', () => {
    const error = forbiddenError(
      x,
      resourceAttributes({ verb: 'get', resource: 'pods', namespace: 'b', name: 'p' }),
      'RBAC: role.rbac.authorization.k8s.io "gone" not found',
    );
    expect(error.message).toBe(
      'pods "p" is forbidden: User "x" cannot get resource "pods" in API group "" in the namespace "b": RBAC: role.rbac.authorization.k8s.io "gone" not found',
    );
  });
});
