import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookinfoTraceRequest } from './bookinfo-trace.fixture';
import {
  createJaegerQueryHandler,
  createOtlpHandler,
  encodeTraceRequestProtobuf,
  openTraceStore,
  type TraceStore,
} from './index';
import { decodeStatusProtobuf, decodeTraceResponseProtobuf } from './otlp-protobuf';

const JSON_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PROTO_TRACE = '0af7651916cd43dd8448eb211c80319c';
const startUs = Math.floor(Date.now() / 1000) * 1000 * 1000 - 60_000_000;

let store: TraceStore;
const servers: Server[] = [];
let otlpUrl = '';
let jaegerUrl = '';

async function listen(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  store = openTraceStore(':memory:');
  otlpUrl = await listen(createOtlpHandler(store, { maxBodyBytes: 64 * 1024 }));
  jaegerUrl = await listen(createJaegerQueryHandler(store, { basePath: '/jaeger' }));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  store.close();
});

const post = (body: BodyInit, headers: Record<string, string>) =>
  fetch(`${otlpUrl}/v1/traces`, { method: 'POST', body, headers });
const jaeger = async (path: string) => {
  const response = await fetch(`${jaegerUrl}/jaeger${path}`);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { data: never[] },
  };
};

describe('OTLP/HTTP ingestion', () => {
  it('accepts JSON and answers an empty ExportTraceServiceResponse in JSON', async () => {
    const response = await post(JSON.stringify(bookinfoTraceRequest(JSON_TRACE, startUs)), {
      'Content-Type': 'application/json',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({});
  });

  it('accepts gzipped protobuf and answers in protobuf', async () => {
    const body = gzipSync(
      encodeTraceRequestProtobuf(bookinfoTraceRequest(PROTO_TRACE, startUs + 1_000_000)),
    );
    const response = await post(body, {
      'Content-Type': 'application/x-protobuf',
      'Content-Encoding': 'gzip',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect(decodeTraceResponseProtobuf(new Uint8Array(await response.arrayBuffer()))).toEqual({});
  });

  it('reports spans with bad ids as a partial success', async () => {
    const request = bookinfoTraceRequest('ffffffffffffffffffffffffffffffff', startUs);
    // Only the gateway's span, made invalid: nothing of this request is stored.
    request.resourceSpans = request.resourceSpans!.slice(0, 1);
    request.resourceSpans[0]!.scopeSpans![0]!.spans![0]!.spanId = 'zz';
    const response = await post(JSON.stringify(request), {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(response.status).toBe(200);
    expect(store.getTrace('f'.repeat(32))).toEqual([]);
    expect(await response.json()).toMatchObject({
      partialSuccess: {
        rejectedSpans: '1',
        errorMessage: expect.stringContaining('invalid spanId'),
      },
    });
  });

  it.each([
    ['malformed JSON', '{"resourceSpans": [', 'application/json'],
    [
      'a JSON shape that is not OTLP',
      '{"resourceSpans": [{"scopeSpans": [{"spans": [{"kind": 42}]}]}]}',
      'application/json',
    ],
  ])('answers 400 with a Status for %s', async (_name, body, type) => {
    const response = await post(body, { 'Content-Type': type });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 3,
      message: expect.stringContaining('cannot decode'),
    });
  });

  it('answers 400 with a protobuf Status for a broken protobuf body', async () => {
    const response = await post(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), {
      'Content-Type': 'application/x-protobuf',
    });
    expect(response.status).toBe(400);
    expect(decodeStatusProtobuf(new Uint8Array(await response.arrayBuffer()))).toMatchObject({
      code: 3,
    });
  });

  it('answers 415 for other media types and 413 past the size limit, even once gunzipped', async () => {
    expect((await post('x', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect(
      (await post('x', { 'Content-Type': 'application/json', 'Content-Encoding': 'br' })).status,
    ).toBe(415);
    expect((await post('x'.repeat(70 * 1024), { 'Content-Type': 'application/json' })).status).toBe(
      413,
    );
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(
      (await post(bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })).status,
    ).toBe(413);
    expect((await fetch(`${otlpUrl}/v1/traces`)).status).toBe(405);
    expect((await fetch(`${otlpUrl}/v1/metrics`, { method: 'POST' })).status).toBe(404);
  });
});

describe('Jaeger query API (v1) under a base path', () => {
  it('lists services and operations', async () => {
    const services = await jaeger('/api/services');
    expect(services).toEqual({
      status: 200,
      body: {
        data: [
          'details.demo-project',
          'istio-ingressgateway.istio-system',
          'productpage.demo-project',
          'ratings.demo-project',
          'reviews.demo-project',
        ],
        total: 5,
        limit: 0,
        offset: 0,
        errors: null,
      },
    });
    expect((await jaeger('/api/services/reviews.demo-project/operations')).body.data).toEqual([
      'ratings.demo-project.svc.cluster.local:9080/*',
      'reviews.demo-project.svc.cluster.local:9080/*',
    ]);
    expect(
      (await jaeger('/api/operations?service=reviews.demo-project&spanKind=client')).body.data,
    ).toEqual([{ name: 'ratings.demo-project.svc.cluster.local:9080/*', spanKind: 'client' }]);
  });

  it('finds both posted traces newest first, and filters by tag', async () => {
    const all = await jaeger('/api/traces?service=ratings.demo-project&lookback=1h');
    expect(all.body.data.map((trace: { traceID: string }) => trace.traceID)).toEqual([
      PROTO_TRACE,
      JSON_TRACE,
    ]);
    const tagged = await jaeger(
      `/api/traces?service=productpage.demo-project&tags=${encodeURIComponent('{"upstream_cluster":"outbound|9080|v2|reviews.demo-project.svc.cluster.local"}')}&limit=1`,
    );
    expect(tagged.body.data).toHaveLength(1);
    const byDuration = await jaeger('/api/traces?service=ratings.demo-project&minDuration=1s');
    expect(byDuration.body.data).toEqual([]);
  });

  it('gets a trace with every service of the request', async () => {
    const { status, body } = await jaeger(`/api/traces/${PROTO_TRACE}`);
    expect(status).toBe(200);
    const [trace] = body.data as Array<{
      spans: Array<{ processID: string }>;
      processes: Record<string, { serviceName: string }>;
    }>;
    expect(trace!.spans).toHaveLength(8);
    expect(
      new Set(trace!.spans.map((span) => trace!.processes[span.processID]!.serviceName)),
    ).toEqual(
      new Set([
        'istio-ingressgateway.istio-system',
        'productpage.demo-project',
        'details.demo-project',
        'reviews.demo-project',
        'ratings.demo-project',
      ]),
    );
  });

  it('answers 404 for an unknown trace and 400 for bad parameters, in the envelope', async () => {
    expect(await jaeger(`/api/traces/${'1'.repeat(32)}`)).toEqual({
      status: 404,
      body: {
        data: null,
        total: 0,
        limit: 0,
        offset: 0,
        errors: [{ code: 404, msg: 'trace not found' }],
      },
    });
    expect(await jaeger('/api/traces?service=a&minDuration=fast')).toMatchObject({
      status: 400,
      body: { data: null, errors: [{ code: 400 }] },
    });
    expect((await jaeger('/api/nothing')).status).toBe(404);
    expect((await fetch(`${jaegerUrl}/api/services`)).status).toBe(404);
  });

  it('serves dependencies', async () => {
    const { body } = await jaeger(`/api/dependencies?endTs=${Date.now()}&lookback=3600000`);
    expect(body.data).toContainEqual({
      parent: 'reviews.demo-project',
      child: 'ratings.demo-project',
      callCount: 2,
    });
  });
});

describe('Jaeger query API (v3)', () => {
  const window = () =>
    `query.start_time_min=${new Date(startUs / 1000 - 60_000).toISOString()}&query.start_time_max=${new Date(Date.now() + 1000).toISOString()}`;

  it('lists services and operations', async () => {
    expect((await jaeger('/api/v3/services')).body.services).toHaveLength(5);
    expect((await jaeger('/api/v3/operations?service=details.demo-project')).body).toEqual({
      operations: [{ name: 'details.demo-project.svc.cluster.local:9080/*', spanKind: 'server' }],
    });
  });

  it('searches and gets traces as OTLP JSON in a result wrapper', async () => {
    const found = await jaeger(
      `/api/v3/traces?query.service_name=details.demo-project&${window()}&query.search_depth=1`,
    );
    expect(found.status).toBe(200);
    const result = found.body.result as {
      resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string }> }> }>;
    };
    expect(
      new Set(
        result.resourceSpans.flatMap((r) =>
          r.scopeSpans.flatMap((s) => s.spans.map((span) => span.traceId)),
        ),
      ),
    ).toEqual(new Set([PROTO_TRACE]));

    const one = await jaeger(`/api/v3/traces/${JSON_TRACE}`);
    const spans = (one.body.result as typeof result).resourceSpans.flatMap((r) =>
      r.scopeSpans.flatMap((s) => s.spans),
    );
    expect(spans).toHaveLength(8);
    expect(spans[0]).toMatchObject({
      traceId: JSON_TRACE,
      kind: 3,
      startTimeUnixNano: String(BigInt(startUs) * 1000n),
    });
  });

  it('summarizes search results', async () => {
    const { body } = await jaeger(
      `/api/v3/trace-summaries?query.serviceName=reviews.demo-project&${window()}`,
    );
    expect(body.summaries).toHaveLength(2);
    expect((body.summaries as Array<Record<string, unknown>>)[0]).toMatchObject({
      traceId: PROTO_TRACE,
      rootServiceName: 'istio-ingressgateway.istio-system',
      spanCount: 8,
      errorSpanCount: 0,
      orphanSpanCount: 0,
    });
  });

  it('answers errors in the gateway shape', async () => {
    expect(await jaeger('/api/v3/traces?query.service_name=a')).toEqual({
      status: 400,
      body: {
        error: {
          httpCode: 400,
          message: 'query.start_time_min and query.start_time_max are required',
        },
      },
    });
    expect(await jaeger(`/api/v3/traces/${'2'.repeat(32)}`)).toEqual({
      status: 404,
      body: { error: { httpCode: 404, message: 'No traces found' } },
    });
  });
});
