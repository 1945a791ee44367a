import { afterEach, describe, expect, it } from 'vitest';
import { bookinfoTraceRequest, hopId } from './bookinfo-trace.fixture';
import { toJaegerTrace } from './jaeger-v1-model';
import { toResourceSpans } from './otlp-to-records';
import { BASE_US, fixtureSpan, traceIdOf, type FixtureSpan } from './span.fixture';
import { openTraceStore, type TraceStore, type TraceStoreOptions } from './trace-store';
import type { TraceQuery } from './trace-query';

let store: TraceStore | undefined;
afterEach(() => store?.close());

function storeWith(spans: FixtureSpan[], options: TraceStoreOptions = {}): TraceStore {
  store = openTraceStore(':memory:', { now: () => BASE_US / 1000 + 60_000, ...options });
  store.export(spans.map(fixtureSpan));
  return store;
}

/** Traces 1..6 across services, operations, durations, tags and times. */
const searchFixture: FixtureSpan[] = [
  {
    trace: 1,
    span: 1,
    service: 'productpage',
    name: 'GET /productpage',
    atUs: 1_000,
    durationUs: 20_000,
    attributes: { 'http.status_code': 200 },
  },
  {
    trace: 1,
    span: 2,
    parent: 1,
    service: 'reviews',
    name: 'GET /reviews',
    kind: 'SERVER',
    atUs: 2_000,
    durationUs: 5_000,
    attributes: { 'http.status_code': 200 },
  },
  {
    trace: 2,
    span: 3,
    service: 'productpage',
    name: 'GET /productpage',
    atUs: 3_000,
    durationUs: 150_000,
    attributes: { 'http.status_code': 500 },
    status: { code: 'ERROR' },
  },
  {
    trace: 3,
    span: 4,
    service: 'productpage',
    name: 'GET /login',
    atUs: 4_000,
    durationUs: 2_000,
    resource: { 'istio.canonical_revision': 'v2' },
  },
  {
    trace: 4,
    span: 5,
    service: 'details',
    name: 'GET /details',
    atUs: 5_000,
    durationUs: 1_000,
    kind: 'CLIENT',
  },
  {
    trace: 5,
    span: 6,
    service: 'productpage',
    name: 'GET /productpage',
    atUs: 6_000,
    durationUs: 900,
    attributes: { user: 'jason' },
  },
  {
    trace: 6,
    span: 7,
    service: 'productpage',
    name: 'GET /productpage',
    atUs: 9_000_000,
    durationUs: 1_000,
  },
];

describe('TraceStore search', () => {
  it.each<[string, Omit<TraceQuery, 'limit'> & { limit?: number }, number[]]>([
    ['all, newest first', {}, [6, 5, 4, 3, 2, 1]],
    ['by service', { service: 'productpage' }, [6, 5, 3, 2, 1]],
    ['by a service that only a child span has', { service: 'reviews' }, [1]],
    ['by operation', { service: 'productpage', operation: 'GET /login' }, [3]],
    ['by span tag', { tags: { 'http.status_code': '500' } }, [2]],
    ['by two tags on one span', { tags: { 'http.status_code': '200', user: 'jason' } }, []],
    ['by resource (process) tag', { tags: { 'istio.canonical_revision': 'v2' } }, [3]],
    ['by derived error tag', { tags: { error: 'true' } }, [2]],
    ['by derived span.kind tag', { tags: { 'span.kind': 'client' } }, [4]],
    ['by min duration', { durationMinNs: 10_000_000 }, [2, 1]],
    ['by max duration', { durationMaxNs: 1_000_000 }, [6, 5, 4]],
    ['by duration range', { durationMinNs: 1_000_000, durationMaxNs: 2_000_000 }, [6, 4, 3]],
    ['by time window', { startMinUs: BASE_US + 2_500, startMaxUs: BASE_US + 5_000 }, [4, 3, 2]],
    ['with a limit', { service: 'productpage', limit: 2 }, [6, 5]],
    ['with limit 0', { limit: 0 }, []],
    ['of an unknown service', { service: 'nope' }, []],
  ])('%s', (_name, query, expected) => {
    const found = storeWith(searchFixture).findTraceIds({ limit: 20, ...query });
    expect(found).toEqual(expected.map(traceIdOf));
  });

  it('matches a trace when ONE span satisfies every filter, not several together', () => {
    const found = storeWith(searchFixture).findTraceIds({
      service: 'reviews',
      tags: { 'http.status_code': '200' },
      durationMinNs: 10_000_000,
      limit: 20,
    });
    expect(found).toEqual([]);
  });

  it('lists services and operations with their kinds', () => {
    const traces = storeWith(searchFixture);
    expect(traces.services()).toEqual(['details', 'productpage', 'reviews']);
    expect(traces.operations('productpage')).toEqual([
      { name: 'GET /login', kind: 'SERVER' },
      { name: 'GET /productpage', kind: 'SERVER' },
    ]);
    expect(traces.operations('details', 'SERVER')).toEqual([]);
    expect(traces.operations('details', 'CLIENT')).toEqual([
      { name: 'GET /details', kind: 'CLIENT' },
    ]);
  });

  it('counts dependencies between services from parent/child spans in the window', () => {
    const traces = storeWith(searchFixture);
    expect(traces.dependencies(BASE_US, BASE_US + 10_000_000)).toEqual([
      { parent: 'productpage', child: 'reviews', callCount: 1 },
    ]);
    expect(traces.dependencies(BASE_US + 3_000, BASE_US + 10_000_000)).toEqual([]);
  });

  it('reopens a file store with its spans and count', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'aviary-traces-'));
    try {
      const first = openTraceStore(join(dir, 'traces.db'), { now: () => BASE_US / 1000 });
      first.export(searchFixture.map(fixtureSpan));
      first.close();
      store = openTraceStore(join(dir, 'traces.db'), { now: () => BASE_US / 1000 });
      expect(store.spanCount).toBe(searchFixture.length);
      expect(store.getTrace(traceIdOf(1))).toHaveLength(2);
    } finally {
      store?.close();
      store = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TraceStore retention', () => {
  it('prunes spans older than maxAge on export, and operations left without spans', () => {
    let nowMs = BASE_US / 1000;
    store = openTraceStore(':memory:', {
      maxAgeMs: 60_000,
      agePruneIntervalMs: 0,
      flushDelayMs: 0,
      now: () => nowMs,
    });
    store.export([fixtureSpan({ trace: 1, name: 'old', atUs: 0 })]);
    nowMs += 30_000;
    store.export([fixtureSpan({ trace: 2, name: 'new', atUs: 30_000_000 })]);
    expect(store.spanCount).toBe(2);
    nowMs += 40_000;
    store.export([fixtureSpan({ trace: 3, service: 'ratings', atUs: 70_000_000 })]);
    expect(store.spanCount).toBe(2);
    expect(store.getTrace(traceIdOf(1))).toEqual([]);
    expect(store.operations('productpage').map((operation) => operation.name)).toEqual(['new']);
    nowMs += 200_000;
    expect(store.prune()).toBe(2);
    expect(store.services()).toEqual([]);
  });

  it('keeps at most maxSpans, dropping the oldest in batches', () => {
    store = openTraceStore(':memory:', {
      maxSpans: 100,
      pruneBatchSpans: 10,
      flushDelayMs: 0,
      now: () => BASE_US / 1000,
    });
    for (let i = 0; i < 100; i += 1) store.export([fixtureSpan({ trace: i + 1, atUs: i })]);
    expect(store.spanCount).toBe(100);
    store.export([fixtureSpan({ trace: 101, atUs: 100 })]);
    // Over the bound: pruned down to maxSpans - pruneBatchSpans, oldest first.
    expect(store.spanCount).toBe(90);
    expect(store.getTrace(traceIdOf(11))).toEqual([]);
    expect(store.getTrace(traceIdOf(12))).toHaveLength(1);
    expect(store.findTraceIds({ limit: 1000 })).toHaveLength(90);
    // Tags of pruned spans are gone too: a search by tag finds only what is stored.
    store.export([fixtureSpan({ trace: 200, atUs: 200, attributes: { k: 'v' } })]);
    expect(store.findTraceIds({ tags: { k: 'v' }, limit: 10 })).toEqual([traceIdOf(200)]);
  });

  it('gathers exports into one write, which reads and the timer both trigger', async () => {
    store = openTraceStore(':memory:', { flushDelayMs: 5, now: () => BASE_US / 1000 });
    store.export([fixtureSpan({ trace: 1 })]);
    store.export([fixtureSpan({ trace: 2 })]);
    expect(store.spanCount).toBe(2);
    expect(store.findTraceIds({ limit: 10 })).toHaveLength(2);
    store.export([fixtureSpan({ trace: 3, service: 'details' })]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Written by the timer: the raw table has it without a read-side flush.
    expect((store as unknown as { pending: unknown[] }).pending).toEqual([]);
    expect(store.services()).toEqual(['details', 'productpage']);
  });

  it('rolls a failing batch back whole', () => {
    store = openTraceStore(':memory:', { now: () => BASE_US / 1000 });
    const bad = fixtureSpan({ trace: 2 });
    bad.spans[0]!.startTimeUnixNano = 'not a number';
    expect(() => store!.export([fixtureSpan({ trace: 1 }), bad])).toThrow();
    expect(store.spanCount).toBe(0);
    expect(store.services()).toEqual([]);
    store.export([fixtureSpan({ trace: 1 })]);
    expect(store.services()).toEqual(['productpage']);
  });
});

describe('a Bookinfo request', () => {
  it('is one trace with every hop parented to the one before', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    store = openTraceStore(':memory:', { now: () => BASE_US / 1000 });
    // Each service's exporter sends on its own, in any order.
    const { batch } = toResourceSpans(bookinfoTraceRequest(traceId, BASE_US));
    for (const resourceSpans of [...batch].reverse()) store.export([resourceSpans]);

    const trace = toJaegerTrace(traceId, store.getTrace(traceId));
    const serviceOf = (spanId: string) => {
      const span = trace.spans.find((candidate) => candidate.spanID === spanId)!;
      return trace.processes[span.processID]!.serviceName;
    };
    const edges = trace.spans.map((span) => [
      `${serviceOf(span.spanID)} ${span.tags.find((tag) => tag.key === 'span.kind')!.value}`,
      span.references.map((reference) => `${reference.refType} ${serviceOf(reference.spanID)}`),
    ]);
    expect(edges).toEqual([
      ['istio-ingressgateway.istio-system client', []],
      ['productpage.demo-project server', ['CHILD_OF istio-ingressgateway.istio-system']],
      ['productpage.demo-project client', ['CHILD_OF productpage.demo-project']],
      ['details.demo-project server', ['CHILD_OF productpage.demo-project']],
      ['productpage.demo-project client', ['CHILD_OF productpage.demo-project']],
      ['reviews.demo-project server', ['CHILD_OF productpage.demo-project']],
      ['reviews.demo-project client', ['CHILD_OF reviews.demo-project']],
      ['ratings.demo-project server', ['CHILD_OF reviews.demo-project']],
    ]);
    expect(trace.spans.map((span) => span.spanID)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(hopId));
    expect(Object.keys(trace.processes)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    const reviewsClient = trace.spans[6]!;
    expect(reviewsClient.tags).toContainEqual({
      key: 'upstream_cluster',
      type: 'string',
      value: 'outbound|9080|v1|ratings.demo-project.svc.cluster.local',
    });
    expect(reviewsClient.tags).toContainEqual({
      key: 'istio.canonical_revision',
      type: 'string',
      value: 'v2',
    });
    expect(store.dependencies(BASE_US, BASE_US + 1e6)).toEqual([
      {
        parent: 'istio-ingressgateway.istio-system',
        child: 'productpage.demo-project',
        callCount: 1,
      },
      { parent: 'productpage.demo-project', child: 'details.demo-project', callCount: 1 },
      { parent: 'productpage.demo-project', child: 'reviews.demo-project', callCount: 1 },
      { parent: 'reviews.demo-project', child: 'ratings.demo-project', callCount: 1 },
    ]);
  });
});
