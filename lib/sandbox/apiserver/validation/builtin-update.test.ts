import { describe, expect, it } from 'vitest';
import { validateBuiltinUpdate } from './builtin-update';

type Json = Record<string, unknown>;
const messages = (group: string, kind: string, next: Json, current: Json) =>
  validateBuiltinUpdate(group, kind, next, current).map((c) => `${c.field}: ${c.message}`);

const deployment = (matchLabels: Json, matchExpressions?: Json[]) => ({
  spec: { selector: { matchLabels, ...(matchExpressions ? { matchExpressions } : {}) } },
});
const pod = (spec: Json) => ({ spec });
const container = (image: string, extra: Json = {}) => ({ name: 'web', image, ...extra });

describe('validateBuiltinUpdate', () => {
  it.each<[string, string, string, Json, Json, string[]]>([
    ['same selector', 'apps', 'Deployment', deployment({ app: 'a' }), deployment({ app: 'a' }), []],
    [
      'a new selector',
      'apps',
      'Deployment',
      deployment({ app: 'b', tier: 'x' }),
      deployment({ app: 'a' }),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"b", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      ],
    ],
    [
      'a ReplicaSet selector with expressions',
      'apps',
      'ReplicaSet',
      deployment({}, [{ key: 'app', operator: 'In', values: ['a'] }]),
      deployment({ app: 'a' }),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string{"a"}}}}: field is immutable',
      ],
    ],
    [
      'a pod image',
      '',
      'Pod',
      pod({ containers: [container('nginx:2')] }),
      pod({ containers: [container('nginx:1')] }),
      [],
    ],
    [
      'added tolerations, a set deadline and a grace period from negative to 1',
      '',
      'Pod',
      pod({
        containers: [container('nginx:1')],
        tolerations: [{ key: 'a' }, { key: 'b' }],
        activeDeadlineSeconds: 30,
        terminationGracePeriodSeconds: 1,
      }),
      pod({
        containers: [container('nginx:1')],
        tolerations: [{ key: 'a' }],
        activeDeadlineSeconds: 60,
        terminationGracePeriodSeconds: -1,
      }),
      [],
    ],
    [
      'a role change of a binding',
      'rbac.authorization.k8s.io',
      'RoleBinding',
      { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'b' } },
      { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'a' } },
      [
        'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef',
      ],
    ],
    [
      'an immutable ConfigMap',
      '',
      'ConfigMap',
      { data: { a: '2' }, binaryData: { b: 'eA==' } },
      { immutable: true, data: { a: '1' } },
      [
        'immutable: Forbidden: field is immutable when `immutable` is set',
        'data: Forbidden: field is immutable when `immutable` is set',
        'binaryData: Forbidden: field is immutable when `immutable` is set',
      ],
    ],
    [
      'a ConfigMap made immutable',
      '',
      'ConfigMap',
      { immutable: true, data: { a: '2' } },
      { data: { a: '1' } },
      [],
    ],
    [
      'a Secret type',
      '',
      'Secret',
      { type: 'kubernetes.io/tls', data: {} },
      { type: 'Opaque', data: {} },
      ['type: Invalid value: "kubernetes.io/tls": field is immutable'],
    ],
    [
      'a cluster IP',
      '',
      'Service',
      { spec: { clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'] } },
      { spec: { clusterIP: '10.96.0.2', clusterIPs: ['10.96.0.2'] } },
      ['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.9"}: may not change once set'],
    ],
    [
      'a Service turned ExternalName',
      '',
      'Service',
      { spec: { type: 'ExternalName', externalName: 'example.com' } },
      { spec: { clusterIP: '10.96.0.2', clusterIPs: ['10.96.0.2'] } },
      [],
    ],
  ])('%s', (_what, group, kind, next, current, expected) => {
    expect(messages(group, kind, next, current)).toEqual(expected);
  });

  it('refuses any other pod spec change, listing what an update may change', () => {
    const [message] = messages(
      '',
      'Pod',
      pod({ containers: [container('nginx:2', { ports: [{ containerPort: 81 }] })] }),
      pod({ containers: [container('nginx:1', { ports: [{ containerPort: 80 }] })] }),
    );
    expect(message).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n {2}core\.PodSpec\{\n- \tContainers: .*"containerPort":80.*\n\+ \tContainers: .*"containerPort":81.*\n {2}\}\n$/,
    );
  });

  it('has nothing to say about kinds without update rules', () => {
    expect(messages('', 'Endpoints', { subsets: [] }, { subsets: [{}] })).toEqual([]);
  });
});
