import { beforeAll, describe, expect, it } from 'vitest';
import { kubectlSandboxForFile } from '../../support/sandbox-kubectl';

/**
 * What kube-apiserver refuses or drops, the sandbox refuses or drops too, with kube-apiserver's
 * status and words, through the real kubectl (the dispatcher on PATH runs the minor the sandbox
 * reports): unknown fields of built-in kinds, immutable fields, enums and encodings.
 */

const ns = 'refusals';
const { api, succeed, ok, fails } = kubectlSandboxForFile('refusals', {
  namespace: ns,
  controllers: false,
});

const deployment = (
  name: string,
  options: { app?: string; extraSpec?: object; extraContainer?: object } = {},
) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: { app: options.app ?? name } },
      template: {
        metadata: { labels: { app: options.app ?? name } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...options.extraContainer }] },
      },
      ...options.extraSpec,
    },
  });

beforeAll(async () => {
  await api('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: ns } }));
});

describe('unknown fields of a built-in kind', () => {
  const bogus = { extraSpec: { bogus: true }, extraContainer: { imagex: 'nginx' } };

  it('are refused under --validate=strict (the default), naming every field', async () => {
    expect(await fails(['apply', '-f', '-'], deployment('strict', bogus))).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogus", unknown field "spec.template.spec.containers[0].imagex"',
    );
    expect((await api('GET', `/apis/apps/v1/namespaces/${ns}/deployments/strict`)).status).toBe(
      404,
    );
  });

  it('are dropped with a warning under Warn, and silently under --validate=false', async () => {
    const warned = await succeed(
      ['apply', '--validate=warn', '-f', '-'],
      deployment('warned', bogus),
    );
    expect(warned.stderr).toContain('Warning: unknown field "spec.bogus"');
    expect(warned.stderr).toContain(
      'Warning: unknown field "spec.template.spec.containers[0].imagex"',
    );
    const ignored = await succeed(
      ['apply', '--validate=false', '-f', '-'],
      deployment('ignored', bogus),
    );
    expect(ignored.stderr).toBe('');
    for (const name of ['warned', 'ignored']) {
      const stored = JSON.parse(await ok(['get', 'deploy', name, '-o', 'json'])) as {
        spec: Record<string, unknown> & { template: { spec: { containers: object[] } } };
      };
      expect(stored.spec.bogus).toBeUndefined();
      expect(stored.spec.template.spec.containers[0]).not.toHaveProperty('imagex');
    }
  });

  it('in a strategic merge patch are refused with the patch as kube-apiserver prints it', async () => {
    const res = await api(
      'PATCH',
      `/apis/apps/v1/namespaces/${ns}/deployments/ignored?fieldValidation=Strict`,
      JSON.stringify({ spec: { paused: false, zeal: 3 } }),
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body)).toMatchObject({
      reason: 'Invalid',
      code: 422,
      message:
        ' "" is invalid: patch: Invalid value: "map[spec:map[paused:false zeal:3]]": strict decoding error: unknown field "spec.zeal"',
      details: {
        causes: [
          {
            reason: 'FieldValueInvalid',
            field: 'patch',
            message:
              'Invalid value: "map[spec:map[paused:false zeal:3]]": strict decoding error: unknown field "spec.zeal"',
          },
        ],
      },
    });
  });

  it('in a server-side apply fail the typed conversion, as structured-merge-diff words it', async () => {
    expect(await fails(['apply', '--server-side', '-f', '-'], deployment('typed', bogus))).toBe(
      `Error from server: failed to create typed patch object (${ns}/typed; apps/v1, Kind=Deployment): errors:\n  .spec.bogus: field not declared in schema\n  .spec.template.spec.containers[name="web"].imagex: field not declared in schema`,
    );
  });
});

describe('unknown fields of a custom resource in a server-side apply', () => {
  it('fail the typed conversion against the CRD schema, whatever fieldValidation says', async () => {
    const virtualService = JSON.stringify({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'typed', namespace: ns },
      spec: {
        hosts: ['reviews'],
        colour: 'blue',
        http: [{ route: [{ destination: { host: 'reviews' } }], shade: 'dark' }],
      },
    });
    for (const validate of ['--validate=strict', '--validate=false']) {
      expect(await fails(['apply', '--server-side', validate, '-f', '-'], virtualService)).toBe(
        `Error from server: failed to create typed patch object (${ns}/typed; networking.istio.io/v1, Kind=VirtualService): errors:\n  .spec.colour: field not declared in schema\n  .spec.http[0].shade: field not declared in schema`,
      );
    }
  });
});

describe('immutable fields', () => {
  it("refuse a Deployment's new selector", async () => {
    await ok(['apply', '-f', '-'], deployment('web'));
    expect(await fails(['apply', '-f', '-'], deployment('web', { app: 'other' }))).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it("let a Pod's image change, and nothing else in its spec", async () => {
    const pod = (image: string, port: number) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'single', namespace: ns },
        spec: { containers: [{ name: 'web', image, ports: [{ containerPort: port }] }] },
      });
    await ok(['apply', '-f', '-'], pod('nginx:1.26', 80));
    expect(await ok(['apply', '-f', '-'], pod('nginx:1.27', 80))).toContain(
      'pod/single configured',
    );
    const refused = await fails(['apply', '-f', '-'], pod('nginx:1.27', 8080));
    expect(refused).toMatch(
      /^The Pod "single" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n {2}core\.PodSpec\{\n/,
    );
    expect(refused).toContain('Containers:');
  });

  it.each(['RoleBinding', 'ClusterRoleBinding'])("refuse a %s's new roleRef", async (kind) => {
    const binding = (role: string) =>
      JSON.stringify({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind,
        metadata: { name: 'readers', ...(kind === 'RoleBinding' ? { namespace: ns } : {}) },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ kind: 'User', name: 'ann', apiGroup: 'rbac.authorization.k8s.io' }],
      });
    await ok(['apply', '-f', '-'], binding('view'));
    expect(await fails(['apply', '-f', '-'], binding('edit'))).toBe(
      `The ${kind} "readers" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef`,
    );
  });
});

describe('immutable fields of Services, ConfigMaps and Secrets', () => {
  const service = (clusterIP?: string) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: ns },
      spec: {
        ...(clusterIP ? { clusterIP } : {}),
        selector: { app: 'web' },
        ports: [{ port: 80 }],
      },
    });
  const clusterIp = async () =>
    await ok(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP} {.spec.clusterIPs}']);

  it('a Service keeps the cluster IP it was given, and refuses another', async () => {
    await ok(['apply', '-f', '-'], service());
    const given = await clusterIp();
    expect(given).toMatch(/^10\.96\.\d+\.\d+ \["10\.96\.\d+\.\d+"\]$/);
    // A replace of the manifest, which names no IP, keeps the allocated one.
    await ok(['replace', '-f', '-'], service());
    expect(await clusterIp()).toBe(given);
    // (kubectl first warns that replace left no last-applied annotation.)
    expect(await fails(['apply', '-f', '-'], service('10.96.200.1'))).toContain(
      '\nThe Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.200.1"}: may not change once set',
    );
  });

  it('an immutable ConfigMap keeps its data', async () => {
    const configMap = (value: string) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'frozen', namespace: ns },
        immutable: true,
        data: { key: value },
      });
    await ok(['apply', '-f', '-'], configMap('a'));
    expect(await fails(['apply', '-f', '-'], configMap('b'))).toBe(
      'The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });

  it("a Secret's type never changes", async () => {
    const secret = (type: string) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'typed', namespace: ns },
        type,
        data: { key: 'dmFsdWU=' },
      });
    await ok(['apply', '-f', '-'], secret('Opaque'));
    expect(await fails(['apply', '-f', '-'], secret('example.com/custom'))).toBe(
      'The Secret "typed" is invalid: type: Invalid value: "example.com/custom": field is immutable',
    );
  });
});

describe('enums and encodings', () => {
  it('refuse an imagePullPolicy kube-apiserver does not know', async () => {
    expect(
      await fails(
        ['apply', '-f', '-'],
        deployment('pull', { extraContainer: { imagePullPolicy: 'Sometimes' } }),
      ),
    ).toBe(
      'The Deployment "pull" is invalid: spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    );
  });

  it('refuse Secret data that is not base64 with the decoder error', async () => {
    const secret = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'creds', namespace: ns },
      data: { user: 'YWRtaW4=', password: 'admin' },
    });
    expect(await fails(['apply', '-f', '-'], secret)).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4',
    );
  });
});
