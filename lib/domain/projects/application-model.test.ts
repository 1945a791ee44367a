import { describe, expect, it } from 'vitest';
import {
  buildApplications,
  deploymentsOfApplication,
  governanceOf,
  type DeploymentObject,
  type PodObject,
  type ServiceObject,
} from './application-model';
import type { WorkloadVersion } from './application-schema';

const service = (name: string, labels: Record<string, string>): ServiceObject => ({
  metadata: { name, labels },
  spec: { selector: { app: name }, ports: [{ name: 'http', port: 9080 }] },
});
const deployment = (
  app: string,
  version: string,
  extra: { ready?: number; inject?: string } = {},
): DeploymentObject => ({
  metadata: { name: `${app}-${version}` },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app, version } },
    template: {
      metadata: {
        labels: {
          app,
          version,
          ...(extra.inject ? { 'sidecar.istio.io/inject': extra.inject } : {}),
        },
      },
      spec: { containers: [{ name: app, image: `${app}:${version}` }] },
    },
  },
  status: { readyReplicas: extra.ready ?? 1 },
});
const pod = (app: string, version: string, sidecar: boolean): PodObject => ({
  metadata: {
    name: `${app}-${version}-x`,
    labels: { app, version },
    ...(sidecar ? { annotations: { 'sidecar.istio.io/status': '{}' } } : {}),
  },
});

describe('buildApplications', () => {
  const services = [
    service('reviews', { app: 'reviews', 'app.kubernetes.io/name': 'bookinfo' }),
    service('details', { app: 'details', 'app.kubernetes.io/name': 'bookinfo' }),
    service('echo', { app: 'echo' }),
    service('lonely', {}),
  ];
  const deployments = [
    deployment('reviews', 'v2'),
    deployment('reviews', 'v1'),
    deployment('details', 'v1'),
    deployment('echo', 'v1'),
  ];
  const pods = [
    pod('reviews', 'v1', true),
    pod('reviews', 'v2', true),
    pod('details', 'v1', true),
    pod('echo', 'v1', false),
  ];

  it('groups services under their Application, then by label, with versions in order', () => {
    const apps = buildApplications({
      applications: [
        {
          metadata: { name: 'bookinfo' },
          spec: {
            selector: { matchLabels: { 'app.kubernetes.io/name': 'bookinfo' } },
            descriptor: { description: 'sample' },
          },
        },
      ],
      services,
      deployments,
      pods,
      namespaceInjection: true,
    });
    expect(apps.map((a) => [a.name, a.source, a.services.map((s) => s.name)])).toEqual([
      ['bookinfo', 'Application', ['details', 'reviews']],
      ['echo', 'labels', ['echo']],
    ]);
    expect(apps[0]!.services[1]!.versions.map((v) => v.version)).toEqual(['v1', 'v2']);
    expect(apps[0]!.governance).toBe('on');
    expect(apps[0]!.governanceInProgress).toBe(false);
    expect(apps[1]!.governanceInProgress).toBe(true);
    expect(deploymentsOfApplication(apps[0]!)).toEqual(['details-v1', 'reviews-v1', 'reviews-v2']);
  });

  it('groups by label when there is no Application object', () => {
    const apps = buildApplications({
      applications: [],
      services,
      deployments,
      pods,
      namespaceInjection: false,
    });
    expect(apps.map((a) => a.name)).toEqual(['bookinfo', 'echo']);
    expect(apps[0]!.governance).toBe('off');
  });
});

const version = (over: Partial<WorkloadVersion>): WorkloadVersion => ({
  deployment: 'd',
  version: 'v1',
  images: [],
  replicas: 1,
  readyReplicas: 1,
  podsWithSidecar: 1,
  podCount: 1,
  ...over,
});

describe('governanceOf', () => {
  it.each([
    ['no workloads', [], true, 'none', false],
    ['namespace default on, all injected', [version({})], true, 'on', false],
    [
      'template says false, pod still has one',
      [version({ injection: 'false' })],
      true,
      'off',
      true,
    ],
    [
      'template says true, pod not yet',
      [version({ injection: 'true', podsWithSidecar: 0 })],
      false,
      'on',
      true,
    ],
    [
      'mixed templates',
      [version({ injection: 'true' }), version({ injection: 'false', podsWithSidecar: 0 })],
      true,
      'partial',
      false,
    ],
    ['new pod not created yet', [version({ replicas: 2, podCount: 1 })], true, 'on', true],
  ] as const)('%s', (_name, versions, namespaceInjection, state, inProgress) => {
    expect(governanceOf(versions, namespaceInjection)).toEqual({ state, inProgress });
  });
});
