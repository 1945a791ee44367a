import { describe, expect, it } from 'vitest';
import { reconcileEndpoints } from './endpoints-reconcile';
import { pod } from './test-fixtures';
import type { EndpointAddress, Endpoints, Pod, Service } from './workload-types';

function service(spec: Partial<Service['spec']> = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'demo', uid: 'uid-svc', labels: { app: 'web' } },
    spec: {
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      ...spec,
    },
  };
}

const existing = (subsets: Endpoints['subsets']): Endpoints => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: {
    name: 'web',
    namespace: 'demo',
    uid: 'uid-ep',
    resourceVersion: '9',
    labels: { app: 'web' },
  },
  ...(subsets ? { subsets } : {}),
});

const address = (name: string, ip: string): EndpointAddress => ({
  ip,
  nodeName: 'aviary-sandbox',
  targetRef: { kind: 'Pod' as const, namespace: 'demo', name, uid: `uid-${name}` },
});

interface Case {
  name: string;
  service: Service | undefined;
  endpoints?: Endpoints;
  pods: Pod[];
  verb?: 'create' | 'update' | 'delete';
  subsets?: Endpoints['subsets'];
}

const cases: Case[] = [
  {
    name: 'ready pods are addresses, sorted by IP, on the target port',
    service: service(),
    pods: [pod({ name: 'b', ip: '10.244.0.10' }), pod({ name: 'a', ip: '10.244.0.9' })],
    verb: 'create',
    subsets: [
      {
        addresses: [address('a', '10.244.0.9'), address('b', '10.244.0.10')],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  },
  {
    name: 'pods that are not ready are notReadyAddresses',
    service: service(),
    pods: [
      pod({ name: 'a', ip: '10.244.0.2' }),
      pod({ name: 'b', ip: '10.244.0.3', ready: false, phase: 'Running' }),
    ],
    verb: 'create',
    subsets: [
      {
        addresses: [address('a', '10.244.0.2')],
        notReadyAddresses: [address('b', '10.244.0.3')],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  },
  {
    name: 'a named target port resolves per pod; pods serving different ports land in different subsets',
    service: service({ ports: [{ name: 'web', port: 80, targetPort: 'http' }] }),
    pods: [
      pod({ name: 'a', ip: '10.244.0.2' }),
      pod({ name: 'b', ip: '10.244.0.3', containerPorts: [{ name: 'http', containerPort: 9090 }] }),
      pod({
        name: 'c',
        ip: '10.244.0.4',
        containerPorts: [{ name: 'metrics', containerPort: 9100 }],
      }),
    ],
    verb: 'create',
    subsets: [
      {
        addresses: [address('a', '10.244.0.2')],
        ports: [{ name: 'web', port: 8080, protocol: 'TCP' }],
      },
      {
        addresses: [address('b', '10.244.0.3')],
        ports: [{ name: 'web', port: 9090, protocol: 'TCP' }],
      },
    ],
  },
  {
    name: 'no targetPort means the service port',
    service: service({ ports: [{ port: 9080 }] }),
    pods: [pod({ name: 'a', ip: '10.244.0.2' })],
    verb: 'create',
    subsets: [
      { addresses: [address('a', '10.244.0.2')], ports: [{ port: 9080, protocol: 'TCP' }] },
    ],
  },
  {
    name: 'pods without an IP, finished, being deleted or not selected are left out',
    service: service(),
    pods: [
      pod({ name: 'no-ip' }),
      pod({ name: 'done', ip: '10.244.0.5', phase: 'Succeeded' }),
      pod({ name: 'going', ip: '10.244.0.6', deleting: true }),
      pod({ name: 'other', ip: '10.244.0.7', labels: { app: 'other' } }),
    ],
    verb: 'create',
    subsets: undefined,
  },
  {
    name: 'publishNotReadyAddresses lists unready pods as ready',
    service: service({ publishNotReadyAddresses: true }),
    pods: [pod({ name: 'a', ip: '10.244.0.2', ready: false, phase: 'Running' })],
    verb: 'create',
    subsets: [
      {
        addresses: [address('a', '10.244.0.2')],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  },
  {
    name: 'a pod turning ready updates the Endpoints',
    service: service(),
    endpoints: existing([
      {
        notReadyAddresses: [address('a', '10.244.0.2')],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]),
    pods: [pod({ name: 'a', ip: '10.244.0.2' })],
    verb: 'update',
    subsets: [
      {
        addresses: [address('a', '10.244.0.2')],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  },
  {
    name: 'Endpoints that already match are left alone',
    service: service(),
    endpoints: existing([
      {
        addresses: [address('a', '10.244.0.2')],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]),
    pods: [pod({ name: 'a', ip: '10.244.0.2' })],
  },
  {
    name: 'Endpoints go with their Service',
    service: undefined,
    endpoints: existing(undefined),
    pods: [],
    verb: 'delete',
  },
  { name: 'nothing to remove when neither exists', service: undefined, pods: [] },
  {
    name: 'a Service without a selector keeps hand-written Endpoints',
    service: service({ selector: undefined }),
    endpoints: existing([{ addresses: [{ ip: '192.168.1.1' }] }]),
    pods: [pod({ name: 'a', ip: '10.244.0.2' })],
  },
];

describe('reconcileEndpoints', () => {
  it.each(cases)('$name', (c) => {
    const { actions } = reconcileEndpoints({
      namespace: 'demo',
      name: 'web',
      service: c.service,
      endpoints: c.endpoints,
      pods: c.pods,
    });
    expect(actions.map((a) => a.verb)).toEqual(c.verb ? [c.verb] : []);
    const action = actions[0];
    if (action?.verb === 'create' || action?.verb === 'update') {
      expect((action.object as Endpoints).subsets).toEqual(c.subsets);
      expect(action.object.metadata).toMatchObject({
        name: 'web',
        namespace: 'demo',
        labels: { app: 'web' },
      });
    }
    if (action?.verb === 'update') expect(action.object.metadata.resourceVersion).toBe('9');
  });
});
