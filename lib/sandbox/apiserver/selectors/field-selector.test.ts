import { describe, expect, it } from 'vitest';
import { matchesFields, parseFieldSelector } from './field-selector';

const pod = {
  metadata: { name: 'reviews-v1-abc', namespace: 'demo' },
  spec: { nodeName: 'sandbox', serviceAccountName: 'bookinfo-reviews' },
  status: { phase: 'Running', podIP: '10.0.0.7' },
};
const event = {
  metadata: { name: 'e1', namespace: 'demo' },
  involvedObject: { kind: 'Deployment', name: 'reviews-v1', namespace: 'demo', uid: 'u1' },
  reason: 'ScalingReplicaSet',
  type: 'Normal',
  source: { component: 'deployment-controller' },
};

describe('parseFieldSelector and matchesFields', () => {
  it.each([
    ['pods', 'metadata.name=reviews-v1-abc', pod, true],
    ['pods', 'metadata.name==reviews-v1-abc', pod, true],
    ['pods', 'metadata.name!=reviews-v1-abc', pod, false],
    ['pods', 'status.phase=Running,spec.nodeName=sandbox', pod, true],
    ['pods', 'status.phase!=Running', pod, false],
    ['pods', 'spec.hostNetwork=false', pod, true],
    ['pods', 'status.podIP=10.0.0.7,metadata.namespace=demo', pod, true],
    ['pods', 'spec.serviceAccountName=bookinfo-reviews', pod, true],
    ['events', 'involvedObject.kind=Deployment,involvedObject.name=reviews-v1', event, true],
    ['events', 'source=deployment-controller,type=Normal', event, true],
    ['events', 'reason=Killing', event, false],
    [
      'secrets',
      'type=kubernetes.io/tls',
      { type: 'kubernetes.io/tls', metadata: { name: 's' } },
      true,
    ],
    [
      'virtualservices.networking.istio.io',
      'metadata.name=reviews',
      { metadata: { name: 'reviews' } },
      true,
    ],
    ['configmaps', 'metadata.name=a\\,b', { metadata: { name: 'a,b' } }, true],
    ['pods', '', pod, true],
  ])('%s %j', (resource, text, object, expected) => {
    expect(matchesFields(parseFieldSelector(text, resource), object)).toBe(expected);
  });

  it.each([
    ['pods', 'spec.containers=x', 'field label not supported: spec.containers'],
    ['namespaces', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    [
      'deployments.apps',
      'spec.replicas=1',
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    ['pods', 'status.phase', "invalid selector: 'status.phase'; can't understand 'status.phase'"],
    ['pods', 'metadata.name=a=b', 'invalid field selector: unescaped character in value: 61'],
    ['pods', 'metadata.name=a\\x', 'invalid field selector: invalid escape sequence: \\x'],
  ])('%s refuses %j', (resource, text, message) => {
    expect(() => parseFieldSelector(text, resource)).toThrow(message);
    try {
      parseFieldSelector(text, resource);
    } catch (error) {
      expect(error).toMatchObject({ code: 400, reason: 'BadRequest' });
    }
  });
});

describe('field selectors of custom resources', () => {
  const widget = { metadata: { name: 'w', namespace: 'demo' }, spec: { color: 'red', size: 3 } };
  const resource = 'widgets.example.com';

  it.each([
    ['metadata.name=w', [], true],
    ['spec.color=red', ['.spec.color'], true],
    ['spec.color!=red', ['.spec.color'], false],
    ['spec.size=3', ['.spec.color', '.spec.size'], true],
  ])('%s with selectable %j', (selector, selectable, matches) => {
    expect(matchesFields(parseFieldSelector(selector, resource, selectable), widget)).toBe(matches);
  });

  it.each([
    ['spec.hosts=reviews', [], 'field label not supported: spec.hosts'],
    ['spec.size=3', ['.spec.color'], 'field label not supported: spec.size'],
  ])('refuses %s as kube-apiserver does for custom resources', (selector, selectable, message) => {
    expect(() => parseFieldSelector(selector, resource, selectable)).toThrow(message);
  });
});
