import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/domain/istio/seeded-random';
import { startService } from './bookinfo-test-kit';
import { ratingsDelayMs, ratingsService } from './ratings';

const ratings = (env: Record<string, string> = {}, random?: () => number) =>
  startService(ratingsService, { app: 'ratings', version: 'v1', env }, { random });

describe('ratings', () => {
  it("answers both reviewers' ratings", async () => {
    const res = await ratings().request('GET', '/ratings/0');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ id: 0, ratings: { Reviewer1: 5, Reviewer2: 4 } });
  });

  it('refuses a non-numeric id and unknown paths', async () => {
    const service = ratings();
    expect((await service.request('GET', '/ratings/x')).status).toBe(400);
    expect((await service.request('GET', '/other')).status).toBe(404);
    expect(JSON.parse((await service.request('GET', '/health')).body)).toEqual({
      status: 'Ratings is healthy',
    });
  });

  it('v-faulty answers 503 to about half the requests, those the random source picks', async () => {
    const random = seededRandom(7);
    const expected = Array.from({ length: 200 }, seededRandom(7)).map((r) => (r < 0.5 ? 503 : 200));
    const service = ratings({ SERVICE_VERSION: 'v-faulty' }, random);
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++)
      statuses.push((await service.request('GET', '/ratings/0')).status);
    expect(statuses).toEqual(expected);
    const failures = statuses.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(70);
    expect(failures).toBeLessThan(130);
    const failed = await ratings({ SERVICE_VERSION: 'v-faulty' }, () => 0.1).request(
      'GET',
      '/ratings/0',
    );
    expect(JSON.parse(failed.body)).toEqual({ error: 'Service unavailable' });
  });

  it('v-delayed holds the picked half for 7 s and answers normally', async () => {
    const delayed = ratings({ SERVICE_VERSION: 'v-delayed' }, () => 0.2);
    const res = await delayed.request('GET', '/ratings/0');
    expect(res.status).toBe(200);
    expect(delayed.sleeps).toEqual([ratingsDelayMs]);
    expect(ratingsDelayMs).toBe(7000);
    const prompt = ratings({ SERVICE_VERSION: 'v-delayed' }, () => 0.7);
    await prompt.request('GET', '/ratings/0');
    expect(prompt.sleeps).toEqual([]);
  });

  it('v-unavailable fails every rating but stays healthy', async () => {
    const service = ratings({ SERVICE_VERSION: 'v-unavailable' });
    for (let i = 0; i < 5; i++)
      expect((await service.request('GET', '/ratings/0')).status).toBe(503);
    expect((await service.request('GET', '/health')).status).toBe(200);
  });

  it('v-unhealthy fails every rating and its health check', async () => {
    const service = ratings({ SERVICE_VERSION: 'v-unhealthy' });
    expect((await service.request('GET', '/ratings/0')).status).toBe(503);
    const health = await service.request('GET', '/health');
    expect(health.status).toBe(500);
    expect(JSON.parse(health.body)).toEqual({ status: 'Ratings is not healthy' });
  });

  it('marks failed requests as errors in its spans', async () => {
    const service = ratings({ SERVICE_VERSION: 'v-unavailable' });
    await service.request('GET', '/ratings/0');
    const span = service.spans.flatMap((r) => r.spans)[0];
    expect(span).toMatchObject({
      kind: 'SERVER',
      status: { code: 'ERROR' },
      attributes: { 'http.response.status_code': 503 },
    });
  });
});
