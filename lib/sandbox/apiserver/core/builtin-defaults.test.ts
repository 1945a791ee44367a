import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { probeSpec } from '../../workloads/probe';
import type { Container } from '../../controllers/workload-types';
import { applyBuiltinDefaults, carryAllocatedValues } from './builtin-defaults';

const noIp = () => '10.96.0.1';

function podWith(container: Record<string, unknown>, init?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [container], ...(init ? { initContainers: [init] } : {}) },
  };
}
const containerOf = (pod: KubeObject, list = 'containers') =>
  (pod.spec as Record<string, Container[]>)[list]![0]!;

describe('probe defaults', () => {
  it('fills timeout, period and thresholds of every probe kind, as SetDefaults_Probe does', () => {
    const pod = podWith({
      name: 'web',
      image: 'nginx:1.27',
      readinessProbe: { httpGet: { port: 9080 } },
      livenessProbe: { tcpSocket: { port: 9080 }, periodSeconds: 5, failureThreshold: 1 },
      startupProbe: { exec: { command: ['true'] }, initialDelaySeconds: 2 },
    });
    applyBuiltinDefaults('', 'Pod', pod, noIp);
    const container = containerOf(pod) as unknown as Record<string, unknown>;
    expect(container.readinessProbe).toEqual({
      httpGet: { port: 9080, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(container.livenessProbe).toEqual({
      tcpSocket: { port: 9080 },
      timeoutSeconds: 1,
      periodSeconds: 5,
      successThreshold: 1,
      failureThreshold: 1,
    });
    expect(container.startupProbe).toEqual({
      exec: { command: ['true'] },
      initialDelaySeconds: 2,
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('defaults pod templates and init containers too', () => {
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: podWith(
            { name: 'web', image: 'nginx', readinessProbe: { tcpSocket: { port: 80 } } },
            { name: 'init', image: 'busybox:1', startupProbe: { tcpSocket: { port: 81 } } },
          ).spec,
        },
      },
    };
    applyBuiltinDefaults('apps', 'Deployment', deployment, noIp);
    const spec = (deployment.spec as { template: { spec: Record<string, unknown> } }).template;
    const pod = { ...deployment, spec: spec.spec };
    expect(containerOf(pod).readinessProbe).toMatchObject({ periodSeconds: 10, timeoutSeconds: 1 });
    expect(containerOf(pod, 'initContainers')).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      startupProbe: { periodSeconds: 10, failureThreshold: 3 },
    });
  });

  it('is what the pod runner probes with: a stored probe runs every 10 s, not the runtime default', () => {
    const pod = podWith({
      name: 'web',
      image: 'nginx',
      readinessProbe: { tcpSocket: { port: 80 } },
    });
    applyBuiltinDefaults('', 'Pod', pod, noIp);
    expect(probeSpec(containerOf(pod), 'readinessProbe', '/health')).toEqual({
      kind: 'tcp',
      path: '/',
      initialDelayMs: 0,
      periodMs: 10_000,
      timeoutMs: 1000,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });
});

describe('carryAllocatedValues', () => {
  const service = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec,
  });
  const current = service({ clusterIP: '10.96.0.2', clusterIPs: ['10.96.0.2'] });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'keeps the allocated IPs when the update names none',
      {},
      { clusterIP: '10.96.0.2', clusterIPs: ['10.96.0.2'] },
    ],
    [
      'keeps them when the IP is empty',
      { clusterIP: '' },
      { clusterIP: '10.96.0.2', clusterIPs: ['10.96.0.2'] },
    ],
    [
      'moves clusterIPs with a changed clusterIP, for validation to refuse',
      { clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.2'] },
      { clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'] },
    ],
  ])('%s', (_what, spec, expected) => {
    const next = service(spec);
    carryAllocatedValues('', 'Service', next, current);
    expect(next.spec).toEqual(expected);
  });
});
