import { describe, expect, it } from 'vitest';
import {
  attributesFromRequest,
  nonResourceAttributes,
  resourceAttributes,
} from './request-attributes';
import { fieldSelectorExactName } from './field-selector-name';

function resource(fields: Parameters<typeof resourceAttributes>[0]) {
  return resourceAttributes({ apiVersion: 'v1', ...fields });
}

describe('attributesFromRequest', () => {
  it.each([
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      '',
      resource({ verb: 'list', resource: 'pods', namespace: 'demo' }),
    ],
    ['GET', '/api/v1/pods', '', resource({ verb: 'list', resource: 'pods' })],
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      'watch=true',
      resource({ verb: 'watch', resource: 'pods', namespace: 'demo' }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      'watch=1',
      resource({ verb: 'watch', resource: 'pods', namespace: 'demo' }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      'watch=false',
      resource({ verb: 'list', resource: 'pods', namespace: 'demo' }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      'watch=0',
      resource({ verb: 'list', resource: 'pods', namespace: 'demo' }),
    ],
    [
      'GET',
      '/api/v1/watch/namespaces/demo/pods',
      '',
      resource({ verb: 'watch', resource: 'pods', namespace: 'demo' }),
    ],
    [
      'GET',
      '/api/v1/watch/namespaces/demo/pods/web',
      '',
      resource({ verb: 'watch', resource: 'pods', namespace: 'demo', name: 'web' }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods/web',
      '',
      resource({ verb: 'get', resource: 'pods', namespace: 'demo', name: 'web' }),
    ],
    [
      'HEAD',
      '/api/v1/namespaces/demo/pods/web',
      '',
      resource({ verb: 'get', resource: 'pods', namespace: 'demo', name: 'web' }),
    ],
    [
      'POST',
      '/api/v1/namespaces/demo/pods',
      '',
      resource({ verb: 'create', resource: 'pods', namespace: 'demo' }),
    ],
    [
      'PUT',
      '/apis/apps/v1/namespaces/demo/deployments/web',
      '',
      resource({
        verb: 'update',
        apiGroup: 'apps',
        resource: 'deployments',
        namespace: 'demo',
        name: 'web',
      }),
    ],
    [
      'PATCH',
      '/apis/apps/v1/namespaces/demo/deployments/web',
      '',
      resource({
        verb: 'patch',
        apiGroup: 'apps',
        resource: 'deployments',
        namespace: 'demo',
        name: 'web',
      }),
    ],
    [
      'DELETE',
      '/apis/apps/v1/namespaces/demo/deployments/web',
      '',
      resource({
        verb: 'delete',
        apiGroup: 'apps',
        resource: 'deployments',
        namespace: 'demo',
        name: 'web',
      }),
    ],
    [
      'DELETE',
      '/apis/apps/v1/namespaces/demo/deployments',
      '',
      resource({
        verb: 'deletecollection',
        apiGroup: 'apps',
        resource: 'deployments',
        namespace: 'demo',
      }),
    ],
    [
      'PUT',
      '/apis/apps/v1/namespaces/demo/deployments/web/status',
      '',
      resource({
        verb: 'update',
        apiGroup: 'apps',
        resource: 'deployments',
        subresource: 'status',
        namespace: 'demo',
        name: 'web',
      }),
    ],
    [
      'GET',
      '/apis/apps/v1/namespaces/demo/deployments/web/scale',
      '',
      resource({
        verb: 'get',
        apiGroup: 'apps',
        resource: 'deployments',
        subresource: 'scale',
        namespace: 'demo',
        name: 'web',
      }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods/web/log',
      'container=app',
      resource({
        verb: 'get',
        resource: 'pods',
        subresource: 'log',
        namespace: 'demo',
        name: 'web',
      }),
    ],
    [
      'GET',
      '/api/v1/namespaces/foo',
      '',
      resource({ verb: 'get', resource: 'namespaces', namespace: 'foo', name: 'foo' }),
    ],
    ['GET', '/api/v1/namespaces', '', resource({ verb: 'list', resource: 'namespaces' })],
    [
      'PUT',
      '/api/v1/namespaces/foo/finalize',
      '',
      resource({
        verb: 'update',
        resource: 'namespaces',
        subresource: 'finalize',
        namespace: 'foo',
        name: 'foo',
      }),
    ],
    [
      'PUT',
      '/api/v1/namespaces/foo/status',
      '',
      resource({
        verb: 'update',
        resource: 'namespaces',
        subresource: 'status',
        namespace: 'foo',
        name: 'foo',
      }),
    ],
    [
      'GET',
      '/apis/rbac.authorization.k8s.io/v1/clusterroles/view',
      '',
      resource({
        verb: 'get',
        apiGroup: 'rbac.authorization.k8s.io',
        resource: 'clusterroles',
        name: 'view',
      }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      'fieldSelector=metadata.name%3Dweb',
      resource({ verb: 'list', resource: 'pods', namespace: 'demo', name: 'web' }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      'watch=true&fieldSelector=metadata.name%3D%3Dweb',
      resource({ verb: 'watch', resource: 'pods', namespace: 'demo', name: 'web' }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      'fieldSelector=metadata.name!%3Dweb',
      resource({ verb: 'list', resource: 'pods', namespace: 'demo' }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      'fieldSelector=metadata.name%3Da%2Fb',
      resource({ verb: 'list', resource: 'pods', namespace: 'demo' }),
    ],
    [
      'GET',
      '/api/v1/namespaces/demo/pods',
      'fieldSelector=oops',
      resource({ verb: 'list', resource: 'pods', namespace: 'demo' }),
    ],
    [
      'GET',
      '/api/v1/proxy/namespaces/demo/pods/web/some/path',
      '',
      resource({ verb: 'proxy', resource: 'pods', namespace: 'demo', name: 'web' }),
    ],
    [
      'POST',
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      '',
      resource({
        verb: 'create',
        apiGroup: 'authorization.k8s.io',
        resource: 'selfsubjectaccessreviews',
      }),
    ],
  ])('%s %s?%s', (method, path, query, expected) => {
    expect(attributesFromRequest(method, path, new URLSearchParams(query))).toEqual(expected);
  });

  it.each([
    ['GET', '/version', 'get'],
    ['GET', '/version/', 'get'],
    ['GET', '/api', 'get'],
    ['GET', '/api/v1', 'get'],
    ['GET', '/apis', 'get'],
    ['GET', '/apis/apps', 'get'],
    ['GET', '/apis/apps/v1', 'get'],
    ['GET', '/openapi/v2', 'get'],
    ['GET', '/healthz', 'get'],
    ['HEAD', '/healthz', 'head'],
    ['POST', '/foo/bar/baz', 'post'],
    ['GET', '/', 'get'],
  ])('%s %s is a non-resource request', (method, path, verb) => {
    expect(attributesFromRequest(method, path, new URLSearchParams())).toEqual(
      nonResourceAttributes(verb, path),
    );
  });

  it('answers 500 for a watch path that names nothing, as kube-apiserver does', () => {
    expect(() => attributesFromRequest('GET', '/api/v1/watch', new URLSearchParams())).toThrow(
      'unable to determine kind and namespace from url, /api/v1/watch',
    );
  });
});

describe('fieldSelectorExactName', () => {
  it.each([
    ['metadata.name=web', { ok: true, name: 'web' }],
    ['metadata.name==web', { ok: true, name: 'web' }],
    ['status.phase=Running,metadata.name=web', { ok: true, name: 'web' }],
    ['metadata.name!=web', { ok: true }],
    ['metadata.namespace=demo', { ok: true }],
    ['', { ok: true }],
    ['metadata.name=a\\,b', { ok: true, name: 'a,b' }],
    ['metadata.name=a\\x', { ok: false }],
    ['metadata.name', { ok: false }],
  ])('%j -> %j', (selector, expected) => {
    expect(fieldSelectorExactName(selector)).toEqual(expected);
  });
});
