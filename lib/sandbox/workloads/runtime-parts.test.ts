import { describe, expect, it } from 'vitest';
import { crashBackOffMs } from './container-slot';
import { parseServiceHost } from './endpoints-resolver';
import { probeSpec } from './probe';

describe('parseServiceHost', () => {
  it.each([
    ['reviews', { name: 'reviews', namespace: 'demo' }],
    ['reviews.other', { name: 'reviews', namespace: 'other' }],
    ['reviews.other.svc', { name: 'reviews', namespace: 'other' }],
    ['Reviews.other.svc.cluster.local', { name: 'reviews', namespace: 'other' }],
    ['example.com.au', undefined],
    ['', undefined],
  ])('%s', (host, expected) => {
    expect(parseServiceHost(host, 'demo')).toEqual(expected);
  });
});

describe('probeSpec', () => {
  it('falls back to the given health path, and only when the container declares no probe', () => {
    const fallback = probeSpec({ name: 'c' }, 'readinessProbe', '/health');
    expect(fallback).toMatchObject({ kind: 'http', path: '/health', failureThreshold: 3 });
    expect(fallback?.periodMs).toBeUndefined();
    expect(probeSpec({ name: 'c' }, 'livenessProbe')).toBeUndefined();
  });

  it('honours the declared probe', () => {
    const container = {
      name: 'c',
      readinessProbe: {
        httpGet: { path: '/ready', port: 9080 },
        initialDelaySeconds: 2,
        periodSeconds: 5,
        timeoutSeconds: 3,
        successThreshold: 2,
        failureThreshold: 4,
      },
    };
    expect(probeSpec(container, 'readinessProbe', '/health')).toEqual({
      kind: 'http',
      path: '/ready',
      initialDelayMs: 2000,
      periodMs: 5000,
      timeoutMs: 3000,
      successThreshold: 2,
      failureThreshold: 4,
    });
    expect(
      probeSpec({ name: 'c', livenessProbe: { tcpSocket: { port: 9080 } } }, 'livenessProbe'),
    ).toMatchObject({ kind: 'tcp' });
    expect(
      probeSpec(
        { name: 'c', readinessProbe: { exec: { command: ['true'] } } },
        'readinessProbe',
        '/health',
      ),
    ).toBeUndefined();
  });
});

describe('crashBackOffMs', () => {
  it.each([
    [0, 0],
    [1, 100],
    [2, 200],
    [3, 400],
    [20, 30_000],
  ])('after %i restarts waits %i ms', (restarts, ms) => {
    expect(crashBackOffMs(restarts, 100)).toBe(ms);
  });
});
