import { describe, expect, it } from 'vitest';
import {
  nonResourceUrlCovers,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
} from './rule-matching';
import { nonResourceAttributes, resourceAttributes } from './request-attributes';

describe('rule matching', () => {
  it.each([
    [['*'], 'pods', '', true],
    [['*'], 'pods/log', 'log', true],
    [['pods'], 'pods/log', 'log', false],
    [['pods/log'], 'pods/log', 'log', true],
    [['*/log'], 'pods/log', 'log', true],
    [['*/log'], 'pods', '', false],
    [['*/status'], 'pods/log', 'log', false],
    // Kubernetes has no `resource/*` wildcard: it is a literal subresource named "*".
    [['pods/*'], 'pods/log', 'log', false],
    [['pods/*'], 'pods/*', '*', true],
  ])('resources %j match %s: %s', (resources, combined, subresource, matches) => {
    expect(resourceMatches({ verbs: ['get'], resources }, combined, subresource)).toBe(matches);
  });

  it.each([
    [[], '', true],
    [['web'], '', false],
    [['web'], 'web', true],
    [['web'], 'api', false],
  ])('resourceNames %j with name %j: %s', (resourceNames, name, matches) => {
    expect(resourceNameMatches({ verbs: ['get'], resourceNames }, name)).toBe(matches);
  });

  it.each([
    ['*', '/anything', true],
    ['/healthz', '/healthz', true],
    ['/healthz', '/healthz/etcd', false],
    ['/healthz/*', '/healthz/etcd', true],
    ['/healthz/*', '/healthz', false],
    ['/api*', '/apis/apps', true],
  ])('url %s covers %s: %s', (ruleUrl, path, covers) => {
    expect(nonResourceUrlCovers(ruleUrl, path)).toBe(covers);
  });

  it('needs verb, group, resource and name to match together', () => {
    const rule = {
      verbs: ['get'],
      apiGroups: ['apps'],
      resources: ['deployments'],
      resourceNames: ['web'],
    };
    const get = (fields: Partial<Parameters<typeof resourceAttributes>[0]>) =>
      ruleAllows(
        rule,
        resourceAttributes({
          verb: 'get',
          apiGroup: 'apps',
          resource: 'deployments',
          name: 'web',
          ...fields,
        }),
      );
    expect(get({})).toBe(true);
    expect(get({ verb: 'list' })).toBe(false);
    expect(get({ apiGroup: 'extensions' })).toBe(false);
    expect(get({ name: 'api' })).toBe(false);
    expect(ruleAllows(rule, nonResourceAttributes('get', '/apis'))).toBe(false);
  });
});
