import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { hrTimeOf, unixNanosOf } from '../contracts/span-clock';
import type { ResourceSpans } from '../contracts/span-sink';
import { createPodTracer } from './pod-tracer';
import { spanClockTracer } from './span-clock-tracer';

describe('the span clock', () => {
  it.each([
    [1_765_000_000_123.4567, '1765000000123457000', [1_765_000_000, 123_457_000]],
    [1_765_000_000_999.9996, '1765000001000000000', [1_765_000_001, 0]],
    [1_765_000_000_000.0001, '1765000000000000000', [1_765_000_000, 0]],
    [1_765_000_000_000.0009, '1765000000000001000', [1_765_000_000, 1000]],
  ])('%s ms is %s ns (microsecond precision)', (ms, nanos, hr) => {
    expect(unixNanosOf(ms)).toBe(nanos);
    expect(hrTimeOf(ms)).toEqual(hr);
  });
});

describe('spanClockTracer', () => {
  /** A pod tracer whose SDK tracer is wrapped again with a scripted clock. */
  function scripted(times: number[]) {
    const batches: ResourceSpans[][] = [];
    const pod = createPodTracer(
      {
        app: 'reviews',
        version: 'v2',
        podName: 'reviews-x',
        namespace: 'demo',
        podIP: '10.244.0.3',
        nodeName: 'n1',
      },
      { export: (batch) => batches.push(batch) },
    );
    const clock = () => {
      const next = times.shift();
      if (next === undefined) throw new Error('clock read more often than scripted');
      return next;
    };
    return { tracer: spanClockTracer(pod.tracer, clock), pod, batches };
  }

  it('times starts, ends and events with the clock, to the microsecond, chained calls included', async () => {
    const base = 1_765_000_000_000;
    const { tracer, pod, batches } = scripted([
      base + 0.1234, // parent start
      base + 0.2501, // child start: within the same millisecond
      base + 0.3, // event
      base + 0.9, // child end (through a chained call)
      base + 1.5, // parent end
    ]);
    const parent = tracer.startSpan('GET /reviews/{id}');
    const child = tracer.startSpan('GET', {}, trace.setSpan(ROOT_CONTEXT, parent));
    child.addEvent('sent', { bytes: 3 });
    child.setAttribute('http.status_code', 200).end();
    parent.end();
    await pod.flush();
    const spans = batches.flat().flatMap((batch) => batch.spans);
    const byName = Object.fromEntries(spans.map((span) => [span.name, span]));
    expect(byName['GET /reviews/{id}']).toMatchObject({
      startTimeUnixNano: '1765000000000123000',
      endTimeUnixNano: '1765000000001500000',
    });
    expect(byName.GET).toMatchObject({
      parentSpanId: parent.spanContext().spanId,
      startTimeUnixNano: '1765000000000250000',
      endTimeUnixNano: '1765000000000900000',
      attributes: { 'http.status_code': 200 },
      events: [{ name: 'sent', timeUnixNano: '1765000000000300000', attributes: { bytes: 3 } }],
    });
  });

  it('keeps the times a caller gives', async () => {
    const { tracer, pod, batches } = scripted([]);
    const span = tracer.startSpan('given', { startTime: [1_765_000_000, 5000] });
    span.addEvent('at', [1_765_000_000, 6000]);
    span.end([1_765_000_000, 7000]);
    await pod.flush();
    expect(batches.flat()[0]?.spans[0]).toMatchObject({
      startTimeUnixNano: '1765000000000005000',
      endTimeUnixNano: '1765000000000007000',
      events: [{ name: 'at', timeUnixNano: '1765000000000006000' }],
    });
  });

  it('startActiveSpan makes the span current for the callback', () => {
    const { tracer } = scripted([1_765_000_000_000.5, 1_765_000_000_001]);
    const seen = tracer.startActiveSpan('active', (span) => {
      span.end();
      return span.spanContext().spanId;
    });
    expect(seen).toMatch(/^[0-9a-f]{16}$/);
  });
});
