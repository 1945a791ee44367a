import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allNetworkingObjectsYaml, bookinfoManifest } from '../../support/bookinfo-fixtures';
import { installedKubectls, kubectl, kubectlStream } from '../../support/kubectl';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';

const versions = installedKubectls();
let sandbox: SandboxFixture;
let work: ReturnType<typeof makeTempDir>;
let networkingYaml: string;
let editor: string;

beforeAll(async () => {
  sandbox = await startSandboxFixture();
  work = makeTempDir('kubectl');
  networkingYaml = join(work.path, 'networking.yaml');
  writeFileSync(networkingYaml, allNetworkingObjectsYaml());
  // A non-interactive editor for `kubectl edit`: it moves the first route to subset v3.
  editor = join(work.path, 'editor.sh');
  writeFileSync(editor, '#!/bin/sh\nsed -i "0,/subset: v1/s//subset: v3/" "$1"\n', { mode: 0o755 });
});
afterAll(async () => {
  await sandbox?.dispose();
  work?.remove();
});

it("finds the machine's kubectl 1.27 to 1.33", () => {
  expect(versions.map((v) => v.minor)).toEqual([
    '1.27',
    '1.28',
    '1.29',
    '1.30',
    '1.31',
    '1.32',
    '1.33',
  ]);
});

describe.each(versions)('kubectl $minor', ({ minor, path }) => {
  const ns = `kubectl-${minor.replace('.', '-')}`;
  const run = (args: string[], extra: { env?: Record<string, string>; input?: string } = {}) =>
    kubectl(path, args, {
      kubeconfig: sandbox.cluster.kubeconfigPath,
      cacheDir: join(work.path, `cache-${minor}`),
      ...extra,
    });
  const ok = async (
    args: string[],
    extra: { env?: Record<string, string>; input?: string } = {},
  ) => {
    const result = await run(args, extra);
    expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };
  const namespaceYaml = (name: string) =>
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
  const resourceVersions = async (namespace: string) =>
    (
      await ok([
        '-n',
        namespace,
        'get',
        'deploy,svc,sa,vs,dr,gw',
        '-o',
        'jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion}{"\\n"}{end}',
      ])
    )
      .trim()
      .split('\n')
      .sort();
  const vsRoute = async () =>
    ok([
      '-n',
      ns,
      'get',
      'virtualservice',
      'reviews',
      '-o',
      'jsonpath={range .spec.http[0].route[*]}{.destination.subset}:{.weight} {end}',
    ]);

  it('lists namespaces and API resources', async () => {
    await ok(['apply', '-f', '-'], { input: namespaceYaml(ns) });
    expect(await ok(['get', 'ns'])).toMatch(new RegExp(`^${ns}\\s+Active`, 'm'));
    const resources = await ok(['api-resources']);
    expect(resources).toMatch(
      /^virtualservices\s+vs\s+networking\.istio\.io\/v1\s+true\s+VirtualService$/m,
    );
    expect(resources).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
  });

  it.each(['client-side', 'server-side'])(
    'applies Bookinfo and every networking YAML %s; a second apply changes nothing',
    async (mode) => {
      const target = `${ns}-${mode === 'client-side' ? 'csa' : 'ssa'}`;
      await ok(['apply', '-f', '-'], { input: namespaceYaml(target) });
      const args = [
        '-n',
        target,
        'apply',
        ...(mode === 'server-side' ? ['--server-side'] : []),
        '-f',
        bookinfoManifest,
        '-f',
        networkingYaml,
      ];
      const first = await ok(args);
      expect(first).toMatch(
        /virtualservice\.networking\.istio\.io\/reviews-virtual-service-reviews-90-10 (created|serverside-applied)/,
      );
      expect(first).toMatch(/deployment\.apps\/reviews-v3 (created|serverside-applied)/);
      const before = await resourceVersions(target);
      expect(before.length).toBeGreaterThan(20);
      const second = await ok(args);
      if (mode === 'client-side')
        expect(
          second
            .trim()
            .split('\n')
            .filter((l) => !l.endsWith(' unchanged')),
        ).toEqual([]);
      expect(await resourceVersions(target)).toEqual(before);
    },
  );

  it('reads, patches (merge and json), edits and diffs a VirtualService', async () => {
    await ok([
      '-n',
      ns,
      'apply',
      '-f',
      join(
        process.cwd(),
        '..',
        'shared/reference/istio/samples/bookinfo/networking/virtual-service-reviews-90-10.yaml',
      ),
    ]);
    const yaml = await ok(['-n', ns, 'get', 'virtualservice', 'reviews', '-o', 'yaml']);
    expect(yaml).toMatch(/^apiVersion: networking\.istio\.io\/v1$/m);
    expect(yaml).toMatch(/subset: v2\n\s+weight: 10/);
    expect(await vsRoute()).toBe('v1:90 v2:10 ');

    await ok([
      '-n',
      ns,
      'patch',
      'vs',
      'reviews',
      '--type',
      'merge',
      '-p',
      '{"spec":{"http":[{"route":[{"destination":{"host":"reviews","subset":"v1"},"weight":50},{"destination":{"host":"reviews","subset":"v2"},"weight":50}]}]}}',
    ]);
    expect(await vsRoute()).toBe('v1:50 v2:50 ');
    await ok([
      '-n',
      ns,
      'patch',
      'vs',
      'reviews',
      '--type',
      'json',
      '-p',
      '[{"op":"replace","path":"/spec/http/0/route/0/weight","value":75},{"op":"replace","path":"/spec/http/0/route/1/weight","value":25}]',
    ]);
    expect(await vsRoute()).toBe('v1:75 v2:25 ');

    const edited = await ok(['-n', ns, 'edit', 'vs', 'reviews'], {
      env: { KUBE_EDITOR: editor, EDITOR: editor },
    });
    expect(edited).toMatch(/edited/);
    expect(await vsRoute()).toBe('v3:75 v2:25 ');

    const rvBefore = await ok([
      '-n',
      ns,
      'get',
      'vs',
      'reviews',
      '-o',
      'jsonpath={.metadata.resourceVersion}',
    ]);
    const diff = await run([
      '-n',
      ns,
      'diff',
      '-f',
      join(
        process.cwd(),
        '..',
        'shared/reference/istio/samples/bookinfo/networking/virtual-service-reviews-90-10.yaml',
      ),
    ]);
    expect(diff.code, diff.stderr).toBe(1); // 1 = differences found
    expect(diff.stdout).toMatch(/-\s+subset: v3/);
    expect(
      await ok(['-n', ns, 'get', 'vs', 'reviews', '-o', 'jsonpath={.metadata.resourceVersion}']),
    ).toBe(rvBefore);
    expect(await vsRoute()).toBe('v3:75 v2:25 ');
  });

  it('waits for a rollout, scales, describes a Deployment and reads pod logs', async () => {
    await ok(['-n', ns, 'apply', '-f', bookinfoManifest, '-l', 'app=ratings']);
    expect(await ok(['-n', ns, 'rollout', 'status', 'deploy/ratings-v1', '--timeout=30s'])).toMatch(
      /successfully rolled out/,
    );
    const pod = await ok([
      '-n',
      ns,
      'get',
      'pods',
      '-l',
      'app=ratings',
      '-o',
      'jsonpath={.items[0].metadata.name}',
    ]);
    expect(pod).toMatch(/^ratings-v1-[a-z0-9]+-[a-z0-9]{5}$/);
    const logs = await run(['-n', ns, 'logs', pod]);
    expect(logs.code, logs.stderr).toBe(0);
    expect(await ok(['-n', ns, 'scale', 'deploy', 'ratings-v1', '--replicas=3'])).toMatch(/scaled/);
    expect(
      await ok(['-n', ns, 'get', 'deploy', 'ratings-v1', '-o', 'jsonpath={.spec.replicas}']),
    ).toBe('3');
    const described = await ok(['-n', ns, 'describe', 'deploy', 'ratings-v1']);
    expect(described).toMatch(/^Replicas:\s+3 desired/m);
    expect(described).toMatch(/examples-bookinfo-ratings-v1/);
  });

  it('sees ADDED, MODIFIED and DELETED with get -w, and deletes by name and by label', async () => {
    const watcher = kubectlStream(
      path,
      ['-n', ns, 'get', 'configmaps', '-w', '--output-watch-events'],
      {
        kubeconfig: sandbox.cluster.kubeconfigPath,
        cacheDir: join(work.path, `cache-${minor}`),
      },
    );
    try {
      await waitFor(() => watcher.child.pid !== undefined);
      const cm = (name: string, value: string) =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    batch: one\ndata:\n  v: "${value}"\n`;
      await ok(['-n', ns, 'apply', '-f', '-'], { input: cm('watched', '1') });
      await waitFor(() => watcher.lines.some((l) => /^ADDED\s+watched\s/.test(l)), {
        what: 'ADDED in get -w',
      });
      await ok(['-n', ns, 'apply', '-f', '-'], { input: cm('watched', '2') });
      await waitFor(() => watcher.lines.some((l) => /^MODIFIED\s+watched\s/.test(l)), {
        what: 'MODIFIED in get -w',
      });
      await ok(['-n', ns, 'delete', 'configmap', 'watched']);
      await waitFor(() => watcher.lines.some((l) => /^DELETED\s+watched\s/.test(l)), {
        what: 'DELETED in get -w',
      });
    } finally {
      watcher.child.kill();
    }
    await ok(['-n', ns, 'apply', '-f', '-'], {
      input: ['a', 'b']
        .map(
          (n) =>
            `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lbl-${n}\n  labels:\n    batch: two\n`,
        )
        .join('---\n'),
    });
    expect(await ok(['-n', ns, 'delete', 'configmap', '-l', 'batch=two'])).toMatch(
      /configmap "lbl-a" deleted/,
    );
    expect(await ok(['-n', ns, 'get', 'configmap', '-l', 'batch=two', '-o', 'name'])).toBe('');
  });
});

/**
 * kubectl 1.32+ send the objects of their imperative `create` generators as protobuf; 1.31 sends
 * JSON. Each version creates the same set, and the objects must come out the same.
 */
describe('imperative kubectl create (protobuf bodies from 1.32 on)', () => {
  const creators = versions.filter(({ minor }) => ['1.31', '1.32', '1.33'].includes(minor));
  const made = new Map<string, unknown>();

  it('finds kubectl 1.31, 1.32 and 1.33', () => {
    expect(creators.map(({ minor }) => minor)).toEqual(['1.31', '1.32', '1.33']);
  });

  it.each(creators.map(({ minor, path }) => [minor, path]))(
    'kubectl %s creates a namespace, configmap, service account, bindings, deployment and service',
    async (minor, path) => {
      const ns = `create-${minor.replace('.', '-')}`;
      const ok = async (args: string[]) => {
        const result = await kubectl(path, args, {
          kubeconfig: sandbox.cluster.kubeconfigPath,
          cacheDir: join(work.path, `cache-create-${minor}`),
        });
        expect(result.code, `kubectl ${minor} ${args.join(' ')}: ${result.stderr}`).toBe(0);
        return result.stdout;
      };
      expect(await ok(['create', 'namespace', ns])).toMatch(`namespace/${ns} created`);
      await ok(['-n', ns, 'create', 'configmap', 'settings', '--from-literal=color=blue']);
      await ok(['-n', ns, 'create', 'serviceaccount', 'robot']);
      await ok([
        '-n',
        ns,
        'create',
        'rolebinding',
        'vera-view',
        '--clusterrole=view',
        '--user=vera',
      ]);
      await ok([
        'create',
        'clusterrolebinding',
        `${ns}-robot`,
        '--clusterrole=edit',
        `--serviceaccount=${ns}:robot`,
      ]);
      await ok(['-n', ns, 'create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
      await ok(['-n', ns, 'create', 'service', 'clusterip', 'web', '--tcp=80:8080']);

      const namespace = JSON.parse(await ok(['get', 'namespace', ns, '-o', 'json'])) as {
        status: { phase: string };
      };
      expect(namespace.status.phase).toBe('Active');
      const items = (
        JSON.parse(
          await ok([
            '-n',
            ns,
            'get',
            'configmap/settings',
            'serviceaccount/robot',
            'rolebinding/vera-view',
            'deployment/web',
            'service/web',
            '-o',
            'json',
          ]),
        ) as { items: Record<string, unknown>[] }
      ).items;
      const [configMap, serviceAccount, roleBinding, deployment, service] = items;
      expect(configMap).toMatchObject({ data: { color: 'blue' } });
      expect(serviceAccount).toMatchObject({ kind: 'ServiceAccount', metadata: { name: 'robot' } });
      expect(roleBinding).toMatchObject({
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'vera' }],
      });
      expect(deployment).toMatchObject({
        metadata: { labels: { app: 'web' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
        },
      });
      expect(service).toMatchObject({
        spec: {
          type: 'ClusterIP',
          selector: { app: 'web' },
          ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }],
        },
      });
      const binding = JSON.parse(
        await ok(['get', 'clusterrolebinding', `${ns}-robot`, '-o', 'json']),
      ) as Record<string, unknown>;
      expect(binding).toMatchObject({
        roleRef: { kind: 'ClusterRole', name: 'edit' },
        subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace: ns }],
      });

      // What the user asked for, without what differs by nature (names, IPs, times, status).
      const comparable = [...items, binding].map((item) => {
        const {
          metadata,
          status: _status,
          ...rest
        } = item as {
          metadata: { name: string; labels?: object; annotations?: object };
          status?: unknown;
        };
        const text = JSON.stringify({
          name: metadata.name,
          labels: metadata.labels,
          annotations: metadata.annotations,
          ...rest,
        });
        // kubectl's JSON writes the pod template's zero creationTimestamp as null, which the
        // sandbox keeps; protobuf writes an empty time, which is no field at all.
        const normalized = JSON.parse(text.replaceAll(ns, 'NS'), (key, value: unknown) =>
          key === 'creationTimestamp' && value === null ? undefined : value,
        ) as { spec?: Json };
        delete normalized.spec?.clusterIP;
        delete normalized.spec?.clusterIPs;
        return normalized;
      });
      made.set(minor, comparable);
    },
  );

  it('1.32 and 1.33 (protobuf) make exactly the objects 1.31 (JSON) makes', () => {
    expect(made.get('1.31')).toBeDefined();
    expect(made.get('1.32')).toEqual(made.get('1.31'));
    expect(made.get('1.33')).toEqual(made.get('1.31'));
  });
});

type Json = Record<string, unknown>;
