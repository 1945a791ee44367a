import { describe, expect, it } from 'vitest';
import { json, startService, type Upstream } from './bookinfo-test-kit';
import { reviewsService } from './reviews';

const ratingsOk: Upstream = () => json(200, { id: 0, ratings: { Reviewer1: 5, Reviewer2: 4 } });
const reviews = (version: string, upstream?: Upstream, env: Record<string, string> = {}) =>
  startService(
    reviewsService,
    { app: 'reviews', version, podName: `reviews-${version}-7f9c`, env },
    { upstream },
  );

describe('reviews', () => {
  it('v1 answers the two reviews without ratings and never calls ratings', async () => {
    const v1 = reviews('v1', ratingsOk);
    const res = await v1.request('GET', '/reviews/0');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ id: '0', podname: 'reviews-v1-7f9c', clustername: 'null' });
    expect(body.reviews.map((r: { reviewer: string }) => r.reviewer)).toEqual([
      'Reviewer1',
      'Reviewer2',
    ]);
    expect(body.reviews[0].text).toBe(
      'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!',
    );
    expect(body.reviews.every((r: object) => !('rating' in r))).toBe(true);
    expect(v1.calls).toEqual([]);
  });

  it.each([
    ['v2', 'black', 10_000],
    ['v3', 'red', 2500],
  ])('%s adds %s stars from ratings, with a %i ms timeout', async (version, color, timeoutMs) => {
    const service = reviews(version, ratingsOk);
    const body = JSON.parse((await service.request('GET', '/reviews/0')).body);
    expect(body.reviews.map((r: { rating: unknown }) => r.rating)).toEqual([
      { stars: 5, color },
      { stars: 4, color },
    ]);
    expect(service.calls).toHaveLength(1);
    expect(service.calls[0]?.url).toBe('http://ratings:9080/ratings/0');
    expect(service.calls[0]?.init.timeoutMs).toBe(timeoutMs);
  });

  it.each([
    ['an error status', (() => json(503, { error: 'Service unavailable' })) as Upstream],
    [
      'a refused connection',
      (() => {
        throw new Error('connect ECONNREFUSED');
      }) as Upstream,
    ],
  ])('says ratings are unavailable after %s', async (_what, upstream) => {
    const body = JSON.parse((await reviews('v2', upstream).request('GET', '/reviews/0')).body);
    expect(body.reviews.map((r: { rating: unknown }) => r.rating)).toEqual([
      { error: 'Ratings service is currently unavailable' },
      { error: 'Ratings service is currently unavailable' },
    ]);
  });

  it('honours the environment: ratings host and port, star colour, cluster name', async () => {
    const service = reviews('v2', ratingsOk, {
      RATINGS_HOSTNAME: 'ratings-canary',
      SERVICES_DOMAIN: 'demo.svc.cluster.local',
      RATINGS_SERVICE_PORT: '8080',
      STAR_COLOR: 'green',
      CLUSTER_NAME: 'east',
    });
    const body = JSON.parse((await service.request('GET', '/reviews/0')).body);
    expect(service.calls[0]?.url).toBe(
      'http://ratings-canary.demo.svc.cluster.local:8080/ratings/0',
    );
    expect(body.reviews[0].rating.color).toBe('green');
    expect(body.clustername).toBe('east');
  });

  it('forwards the request headers to ratings, continuing the trace from its own client span', async () => {
    const service = reviews('v3', ratingsOk);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await service.request('GET', '/reviews/0', {
      'x-request-id': 'req-1',
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      'end-user': 'jason',
      'user-agent': 'curl/8',
      cookie: 'session=abc',
      authorization: 'Bearer t',
      'x-b3-flags': '1',
      'x-unrelated': 'dropped',
    });
    const sent = service.calls[0]!.init.headers!;
    expect(sent).toMatchObject({
      'x-request-id': 'req-1',
      'end-user': 'jason',
      'user-agent': 'curl/8',
      cookie: 'session=abc',
      authorization: 'Bearer t',
      'x-b3-flags': '1',
    });
    expect(sent['x-unrelated']).toBeUndefined();
    const spans = service.spans.flatMap((r) => r.spans);
    const server = spans.find((s) => s.kind === 'SERVER')!;
    const client = spans.find((s) => s.kind === 'CLIENT')!;
    expect(server).toMatchObject({ traceId, parentSpanId: '00f067aa0ba902b7' });
    expect(client).toMatchObject({ traceId, parentSpanId: server.spanId });
    expect(sent.traceparent).toBe(`00-${traceId}-${client.spanId}-01`);
    expect(sent).toMatchObject({
      'x-b3-traceid': traceId,
      'x-b3-spanid': client.spanId,
      'x-b3-parentspanid': server.spanId,
      'x-b3-sampled': '1',
    });
  });

  it('refuses a non-numeric id', async () => {
    expect((await reviews('v2', ratingsOk).request('GET', '/reviews/x')).status).toBe(400);
    expect(JSON.parse((await reviews('v1').request('GET', '/health')).body)).toEqual({
      status: 'Reviews is healthy',
    });
  });
});
