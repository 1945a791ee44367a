import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { ResourceSpans } from '../contracts/span-sink';
import { createPodTracer } from './pod-tracer';
import { hrTimeToNanos } from './span-record';

const identity = (podName: string) => ({
  app: 'reviews',
  version: 'v2',
  podName,
  namespace: 'demo',
  podIP: '10.244.0.3',
  nodeName: 'n1',
  podUid: 'u',
});

describe('pod tracers', () => {
  it('give each pod its own resource, exported in one batch per turn', async () => {
    const batches: ResourceSpans[][] = [];
    const sink = { export: (batch: ResourceSpans[]) => batches.push(batch) };
    const a = createPodTracer(identity('reviews-a'), sink);
    const b = createPodTracer(identity('reviews-b'), sink);
    const parent = a.tracer.startSpan('GET /reviews/{id}', {
      kind: SpanKind.SERVER,
      attributes: { 'http.status_code': 200, list: ['x', 'y'] },
    });
    parent.addEvent('cache miss', { key: 'k' });
    parent.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    parent.end();
    a.tracer.startSpan('second').end();
    b.tracer.startSpan('other').end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toHaveLength(2);
    const [fromA, fromB] = batches.map((batch) => batch[0]!);
    expect(fromA!.resource).toMatchObject({
      'service.name': 'reviews',
      'service.version': 'v2',
      'k8s.pod.name': 'reviews-a',
      'k8s.pod.ip': '10.244.0.3',
      'k8s.namespace.name': 'demo',
    });
    expect(fromB!.resource['k8s.pod.name']).toBe('reviews-b');
    expect(fromA!.spans.map((s) => s.name)).toEqual(['GET /reviews/{id}', 'second']);
    const span = fromA!.spans[0]!;
    expect(span).toMatchObject({
      kind: 'SERVER',
      status: { code: 'ERROR', message: 'boom' },
      attributes: { 'http.status_code': 200, list: '["x","y"]' },
    });
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(span.parentSpanId).toBeUndefined();
    expect(span.events).toEqual([
      expect.objectContaining({ name: 'cache miss', attributes: { key: 'k' } }),
    ]);
    expect(BigInt(span.endTimeUnixNano) >= BigInt(span.startTimeUnixNano)).toBe(true);
    await a.shutdown();
    await b.shutdown();
  });

  it('writes nanoseconds past 2^53 exactly', () => {
    expect(hrTimeToNanos([1_700_000_000, 123_456_789])).toBe('1700000000123456789');
  });
});
