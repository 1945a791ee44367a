import { describe, expect, it } from 'vitest';
import { startService } from './bookinfo-test-kit';
import { detailsService } from './details';

describe('details', () => {
  const details = startService(detailsService, { app: 'details', version: 'v1' });

  it('answers the book record for a numeric id', async () => {
    const res = await details.request('GET', '/details/0');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({
      id: 0,
      author: 'William Shakespeare',
      year: 1595,
      type: 'paperback',
      pages: 200,
      publisher: 'PublisherA',
      language: 'English',
      'ISBN-10': '1234567890',
      'ISBN-13': '123-1234567890',
    });
  });

  it.each([
    ['/details/abc', 400, { error: 'please provide numeric product id' }],
    ['/details/-1', 400, { error: 'please provide numeric product id' }],
    ['/details', 404, { error: 'Not Found' }],
    ['/health', 200, { status: 'Details is healthy' }],
  ])('GET %s -> %i', async (path, status, body) => {
    const res = await details.request('GET', path);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toEqual(body);
  });

  it('keeps the id a request names', async () => {
    expect(JSON.parse((await details.request('GET', '/details/42')).body).id).toBe(42);
  });

  it('answers as v1 for a version bookinfo.md does not describe, and reports its own version in its spans', async () => {
    const v2 = startService(detailsService, { app: 'details', version: 'v2' });
    const res = await v2.request('GET', '/details/0');
    expect(JSON.parse(res.body).publisher).toBe('PublisherA');
    expect(v2.spans[0]?.resource['service.version']).toBe('v2');
    expect(v2.spans[0]?.resource['service.name']).toBe('details');
  });

  it('logs each request, but not health checks', async () => {
    const fresh = startService(detailsService, { app: 'details', version: 'v1' });
    await fresh.request('GET', '/health');
    await fresh.request('GET', '/details/1');
    expect(fresh.logs).toEqual([expect.stringContaining('"GET /details/1 HTTP/1.1" 200')]);
    expect(fresh.spans.flatMap((r) => r.spans).map((s) => s.name)).toEqual(['GET /details/{id}']);
  });
});
