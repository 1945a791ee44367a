import { CoreV1Api, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawApi } from '../../support/raw-api';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait-for';

/**
 * kube-apiserver holds a custom resource as a map and answers with its keys sorted at every depth
 * (Go's JSON encoder sorts map keys), whatever order the client wrote them in; lists keep their
 * order. The sandbox must too, or a client comparing objects as text passes here and fails there.
 */

let sandbox: SandboxFixture;
let api: ReturnType<typeof rawApi>;
const ns = 'encoding';
const base = `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices`;

beforeAll(async () => {
  sandbox = await startSandboxFixture();
  api = rawApi({
    url: sandbox.cluster.url,
    token: sandbox.cluster.adminToken,
    caCertPem: sandbox.cluster.caCertPem,
  });
  await sandbox.kubeConfig
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name: ns } } });
});
afterAll(async () => sandbox?.dispose());

/** The paths of objects whose keys are not in sorted order ("" when all are sorted). */
function unsortedAt(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unsortedAt(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  const here = keys.join() === [...keys].sort().join() ? [] : [`${path}: ${keys.join(',')}`];
  return [
    ...here,
    ...keys.flatMap((key) => unsortedAt((value as Record<string, unknown>)[key], `${path}.${key}`)),
  ];
}

/** A VirtualService in the order Aviary's builders write (kind before apiVersion, subset before port). */
const clientOrdered = (name: string, weight: number) =>
  JSON.stringify({
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, labels: { z: '1', a: '2' }, annotations: { 'b/x': '1', 'a/y': '2' } },
    spec: {
      hosts: ['reviews', 'a-reviews'],
      http: [
        {
          name: 'main',
          route: [
            { weight, destination: { subset: 'v2', host: 'reviews', port: { number: 9080 } } },
            {
              weight: 100 - weight,
              destination: { subset: 'v1', host: 'reviews', port: { number: 9080 } },
            },
          ],
        },
      ],
    },
  });

describe('custom resources as kube-apiserver encodes them', () => {
  it('answers create, get, list, update, merge patch and apply with keys sorted at every depth, lists in order', async () => {
    const events: unknown[] = [];
    const watch = await new Watch(sandbox.kubeConfig).watch(
      base,
      {},
      (_type, object) => events.push(object),
      () => undefined,
    );
    try {
      const created = await api('POST', base, clientOrdered('reviews', 20));
      expect(created.status).toBe(201);
      const object = JSON.parse(created.body) as {
        metadata: { resourceVersion: string };
        spec: { hosts: string[]; http: { route: { weight: number }[] }[] };
      };
      expect(unsortedAt(object)).toEqual([]);
      // Lists keep the client's order: hosts and routes are ordered in Istio.
      expect(object.spec.hosts).toEqual(['reviews', 'a-reviews']);
      expect(object.spec.http[0]!.route.map((r) => r.weight)).toEqual([20, 80]);

      const read = await api('GET', `${base}/reviews`);
      expect(unsortedAt(JSON.parse(read.body))).toEqual([]);
      expect(read.body).toBe(created.body);
      const listed = await api('GET', base);
      expect(unsortedAt((JSON.parse(listed.body) as { items: unknown[] }).items)).toEqual([]);

      // The same object sent back in the client's order is no change: no write at all; with a
      // new label only, a write, but the spec is the same (no new generation).
      const same = JSON.parse(clientOrdered('reviews', 20)) as {
        metadata: { labels: object; resourceVersion?: string };
      };
      same.metadata.resourceVersion = object.metadata.resourceVersion;
      const unchanged = await api('PUT', `${base}/reviews`, JSON.stringify(same));
      expect(JSON.parse(unchanged.body)).toMatchObject({
        metadata: { generation: 1, resourceVersion: object.metadata.resourceVersion },
      });
      same.metadata.labels = { ...same.metadata.labels, tier: 'mesh' };
      const relabelled = JSON.parse(
        (await api('PUT', `${base}/reviews`, JSON.stringify(same))).body,
      ) as typeof object & { metadata: { generation: number } };
      expect(relabelled.metadata.resourceVersion).not.toBe(object.metadata.resourceVersion);
      expect(relabelled.metadata.generation).toBe(1);
      object.metadata.resourceVersion = relabelled.metadata.resourceVersion;

      const update = JSON.parse(clientOrdered('reviews', 30)) as { metadata: object };
      update.metadata = { ...update.metadata, resourceVersion: object.metadata.resourceVersion };
      const replaced = await api('PUT', `${base}/reviews`, JSON.stringify(update));
      expect(replaced.status).toBe(200);
      expect(JSON.parse(replaced.body)).toMatchObject({ metadata: { generation: 2 } });
      expect(unsortedAt(JSON.parse(replaced.body))).toEqual([]);

      const patched = await api(
        'PATCH',
        `${base}/reviews`,
        JSON.stringify({
          spec: {
            http: [{ route: [{ destination: { subset: 'v1', host: 'reviews' } }], name: 'main' }],
          },
        }),
        { 'content-type': 'application/merge-patch+json' },
      );
      expect(patched.status).toBe(200);
      expect(unsortedAt(JSON.parse(patched.body))).toEqual([]);

      const applied = await api(
        'PATCH',
        `${base}/ratings?fieldManager=test`,
        [
          'kind: VirtualService',
          'apiVersion: networking.istio.io/v1',
          'metadata: {name: ratings}',
          'spec:',
          '  http:',
          '  - route: [{destination: {subset: v1, host: ratings}, weight: 100}]',
          '  hosts: [ratings]',
        ].join('\n'),
        { 'content-type': 'application/apply-patch+yaml' },
      );
      expect(applied.status).toBe(201);
      expect(unsortedAt(JSON.parse(applied.body))).toEqual([]);

      const dryRun = await api('POST', `${base}?dryRun=All`, clientOrdered('details', 10));
      expect(dryRun.status).toBe(201);
      expect(unsortedAt(JSON.parse(dryRun.body))).toEqual([]);

      // Every watch event carries the object as stored: create, update, patch, apply.
      await waitFor(() => events.length >= 4, { what: 'four watch events' });
      expect(events.flatMap((e) => unsortedAt(e))).toEqual([]);
    } finally {
      watch.abort();
    }
  });

  it('drops empty metadata maps and lists as ObjectMeta does (omitempty), keeps empty ones in the spec', async () => {
    const created = await api(
      'POST',
      base,
      JSON.stringify({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: {
          name: 'empty',
          labels: {},
          annotations: {},
          finalizers: [],
          ownerReferences: [],
        },
        spec: { hosts: ['empty'], http: [], gateways: [] },
      }),
    );
    expect(created.status).toBe(201);
    const object = JSON.parse(created.body) as { metadata: object; spec: object };
    expect(
      ['labels', 'annotations', 'finalizers', 'ownerReferences'].filter(
        (k) => k in object.metadata,
      ),
    ).toEqual([]);
    expect(object.spec).toEqual({ gateways: [], hosts: ['empty'], http: [] });
  });
});
