import { describe, expect, it } from 'vitest';
import { json, startService, type Upstream } from './bookinfo-test-kit';
import { bookDetails } from './details';
import { productpageService } from './productpage';

const reviewsBody = (rating?: (reviewer: string) => unknown) => ({
  id: '0',
  podname: 'reviews-v2-abc',
  clustername: 'null',
  reviews: [
    {
      reviewer: 'Reviewer1',
      text: 'An extremely entertaining play by Shakespeare.',
      ...(rating ? { rating: rating('Reviewer1') } : {}),
    },
    {
      reviewer: 'Reviewer2',
      text: 'Absolutely fun and entertaining.',
      ...(rating ? { rating: rating('Reviewer2') } : {}),
    },
  ],
});

function upstreams(reviews: () => ReturnType<Upstream>): Upstream {
  return (url) => {
    if (url.startsWith('http://details:9080/details/')) return json(200, bookDetails(0));
    if (url.startsWith('http://reviews:9080/reviews/')) return reviews();
    if (url.startsWith('http://ratings:9080/ratings/'))
      return json(200, { id: 0, ratings: { Reviewer1: 5, Reviewer2: 4 } });
    throw new Error(`unexpected ${url}`);
  };
}

const productpage = (upstream?: Upstream) =>
  startService(productpageService, { app: 'productpage', version: 'v1' }, { upstream });
const filled = (html: string) => (html.match(/glyphicon-star"/g) ?? []).length;
const empty = (html: string) => (html.match(/glyphicon-star-empty/g) ?? []).length;

describe('productpage', () => {
  it('renders the book details and the reviews, with no stars for reviews v1', async () => {
    const page = productpage(upstreams(() => json(200, reviewsBody())));
    const res = await page.request('GET', '/productpage');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<title>Simple Bookstore App</title>');
    expect(res.body).toContain('The Comedy of Errors');
    for (const cell of [
      '<dt>Type:</dt><dd>paperback</dd>',
      '<dd>200</dd>',
      '<dd>PublisherA</dd>',
      '<dd>English</dd>',
      '<dd>1234567890</dd>',
      '<dd>123-1234567890</dd>',
    ]) {
      expect(res.body).toContain(cell);
    }
    expect(res.body).toContain('An extremely entertaining play by Shakespeare.');
    expect(res.body).toContain('<small>Reviewer2</small>');
    expect(res.body).toContain('Reviews served by:');
    expect(res.body).toContain('reviews-v2-abc');
    expect(filled(res.body) + empty(res.body)).toBe(0);
    expect(page.calls.map((c) => c.url).sort()).toEqual([
      'http://details:9080/details/0',
      'http://reviews:9080/reviews/0',
    ]);
  });

  it.each(['black', 'red'])(
    'draws %s stars: filled for the rating, empty up to five',
    async (color) => {
      const stars = { Reviewer1: 5, Reviewer2: 4 } as Record<string, number>;
      const res = await productpage(
        upstreams(() =>
          json(
            200,
            reviewsBody((r) => ({ stars: stars[r], color })),
          ),
        ),
      ).request('GET', '/productpage');
      expect(filled(res.body)).toBe(9);
      expect(empty(res.body)).toBe(1);
      expect(res.body.match(new RegExp(`<font color="${color}">`, 'g'))).toHaveLength(2);
    },
  );

  it('shows the ratings error reviews passes on', async () => {
    const res = await productpage(
      upstreams(() =>
        json(
          200,
          reviewsBody(() => ({ error: 'Ratings service is currently unavailable' })),
        ),
      ),
    ).request('GET', '/productpage');
    expect(res.body).toContain('<i>Ratings service is currently unavailable</i>');
  });

  it('says what is unavailable when details and reviews fail, after trying reviews twice', async () => {
    const page = productpage(() => {
      throw new Error('timeout after 3000 ms');
    });
    const res = await page.request('GET', '/productpage');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Error fetching product details');
    expect(res.body).toContain('Sorry, product details are currently unavailable for this book.');
    expect(res.body).toContain('Error fetching product reviews');
    expect(res.body).toContain('Sorry, product reviews are currently unavailable for this book.');
    expect(page.calls.filter((c) => c.url.includes('/reviews/'))).toHaveLength(2);
    expect(page.calls.every((c) => c.init.timeoutMs === 3000)).toBe(true);
  });

  it('signs a user in with a session cookie, sends end-user on its calls, and signs out', async () => {
    const page = productpage(upstreams(() => json(200, reviewsBody())));
    const login = await page.request(
      'POST',
      '/login',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'username=jason&passwd=x',
    );
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/productpage');
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^session=/);

    const signedIn = await page.request('GET', '/productpage', { cookie });
    expect(signedIn.body).toContain('signed in as <b>jason</b>');
    expect(page.calls.slice(-2).map((c) => c.init.headers?.['end-user'])).toEqual([
      'jason',
      'jason',
    ]);

    const forged = await page.request('GET', '/productpage', {
      cookie: `${cookie.slice(0, -2)}xx`,
    });
    expect(forged.body).not.toContain('signed in as');
    expect(page.calls.slice(-1)[0]?.init.headers?.['end-user']).toBeUndefined();

    const logout = await page.request('GET', '/logout', { cookie });
    expect(logout.status).toBe(302);
    expect(String(logout.headers['set-cookie'])).toContain('Max-Age=0');
  });

  it('serves the JSON API by relaying details, reviews and ratings', async () => {
    const page = productpage(upstreams(() => json(200, reviewsBody())));
    const products = JSON.parse((await page.request('GET', '/api/v1/products')).body);
    expect(products).toEqual([expect.objectContaining({ id: 0, title: 'The Comedy of Errors' })]);
    expect(JSON.parse((await page.request('GET', '/api/v1/products/0')).body)).toEqual(
      bookDetails(0),
    );
    expect(JSON.parse((await page.request('GET', '/api/v1/products/0/reviews')).body).podname).toBe(
      'reviews-v2-abc',
    );
    expect(
      JSON.parse((await page.request('GET', '/api/v1/products/0/ratings')).body).ratings,
    ).toEqual({ Reviewer1: 5, Reviewer2: 4 });
    expect((await page.request('GET', '/api/v1/products/x')).status).toBe(400);
    const down = productpage();
    const res = await down.request('GET', '/api/v1/products/0/ratings');
    expect(res.status).toBe(503);
  });

  it('serves the landing page and its health', async () => {
    const page = productpage();
    const landing = await page.request('GET', '/');
    expect(landing.body).toContain('href="/productpage?u=normal"');
    expect(landing.body).toContain('href="/productpage?u=test"');
    expect(JSON.parse((await page.request('GET', '/health')).body)).toEqual({
      status: 'Productpage is healthy',
    });
    expect((await page.request('GET', '/nowhere')).status).toBe(404);
  });
});
