/**
 * Bookinfo's productpage: the page users refresh during a release. It calls details and reviews
 * (reviews twice before giving up, 3 s each), forwards the trace headers, and adds `end-user` for
 * a signed-in user, which is what Istio's request-routing task routes on. Other productpage
 * versions answer as v1.
 */
import type { ServerResponse } from 'node:http';
import type { WorkloadAppFactory } from '../workloads/workload-app';
import { pathOf, productId, readBody, redirect, sendHtml, sendJson } from './http-util';
import { renderLandingPage, renderProductPage, type ProductPageView } from './productpage-html';
import { sessionCookieName, sessionCookieValue, sessionUser } from './productpage-session';
import type { RequestScope } from './traced-handler';
import { tracedHandler } from './traced-handler';
import { upstreamUrl } from './upstreams';

export const products = [
  {
    id: 0,
    title: 'The Comedy of Errors',
    descriptionHtml:
      '<a href="https://en.wikipedia.org/wiki/The_Comedy_of_Errors">Wikipedia Summary</a>: The Comedy of Errors is one of <b>William Shakespeare\'s</b> early plays. It is his shortest and one of his most farcical comedies, with a major part of the humour coming from slapstick and mistaken identity, in addition to puns and word play.',
  },
];

const upstreamTimeoutMs = 3000;
const reviewsAttempts = 2;

/** One upstream answer: the parsed JSON and status, or undefined when nothing answered in time. */
async function getJson(
  scope: RequestScope,
  url: string,
  attempts = 1,
): Promise<{ status: number; body: unknown } | undefined> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const response = await scope.call(url, { timeoutMs: upstreamTimeoutMs });
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        body = { error: response.body };
      }
      if (response.status === 200 || attempt === attempts - 1)
        return { status: response.status, body };
    } catch {
      // A timeout or refused connection: try again if attempts remain.
    }
  }
  return undefined;
}

export const productpageService: WorkloadAppFactory = (env, io) => {
  const secret = env.env.SESSION_SECRET || 'bookinfo-productpage';
  const details = upstreamUrl(env.env, 'details');
  const reviews = upstreamUrl(env.env, 'reviews');
  const ratings = upstreamUrl(env.env, 'ratings');

  /** The API's pass-through of an upstream answer, or 503 when the upstream did not answer. */
  const relay = async (
    res: ServerResponse,
    scope: RequestScope,
    url: string,
    what: string,
    attempts = 1,
  ) => {
    const answer = await getJson(scope, url, attempts);
    if (!answer)
      return sendJson(res, 503, {
        error: `Sorry, product ${what} are currently unavailable for this book.`,
      });
    sendJson(res, answer.status, answer.body);
  };

  return tracedHandler(
    io,
    async (req, res, scope) => {
      const path = pathOf(req);
      const user = sessionUser(req.headers.cookie, secret);
      // As the sample does: the signed-in user travels as `end-user` on every upstream call.
      if (user) scope.forwarded['end-user'] = user;
      if (req.method === 'POST' && path === '/login') {
        const username = new URLSearchParams(await readBody(req)).get('username') ?? '';
        const cookie = `${sessionCookieName}=${sessionCookieValue(username, secret)}; Path=/; HttpOnly`;
        return username
          ? redirect(res, '/productpage', { 'set-cookie': cookie })
          : redirect(res, '/productpage');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { error: 'Method Not Allowed' });
      if (path === '/' || path === '/index.html') return sendHtml(res, 200, renderLandingPage());
      if (path === '/logout') {
        return redirect(res, '/productpage', {
          'set-cookie': `${sessionCookieName}=; Path=/; Max-Age=0; HttpOnly`,
        });
      }
      if (path === '/productpage') {
        const [detailsAnswer, reviewsAnswer] = await Promise.all([
          getJson(scope, `${details}/details/0`),
          getJson(scope, `${reviews}/reviews/0`, reviewsAttempts),
        ]);
        const view: ProductPageView = {
          product: products[0]!,
          user,
          details:
            detailsAnswer?.status === 200
              ? (detailsAnswer.body as ProductPageView['details'])
              : undefined,
          reviews:
            reviewsAnswer?.status === 200
              ? (reviewsAnswer.body as ProductPageView['reviews'])
              : undefined,
        };
        return sendHtml(res, 200, renderProductPage(view));
      }
      if (path === '/api/v1/products') return sendJson(res, 200, products);
      const api = /^\/api\/v1\/products\/([^/]+)(?:\/(reviews|ratings))?$/.exec(path);
      if (api) {
        scope.span.updateName(`GET /api/v1/products/{id}${api[2] ? `/${api[2]}` : ''}`);
        const id = productId(decodeURIComponent(api[1] ?? ''));
        if (id === undefined)
          return sendJson(res, 400, { error: 'please provide numeric product id' });
        if (api[2] === 'reviews')
          return relay(res, scope, `${reviews}/reviews/${id}`, 'reviews', reviewsAttempts);
        if (api[2] === 'ratings') return relay(res, scope, `${ratings}/ratings/${id}`, 'ratings');
        return relay(res, scope, `${details}/details/${id}`, 'details');
      }
      sendJson(res, 404, { error: 'Not Found' });
    },
    (res) => sendJson(res, 200, { status: 'Productpage is healthy' }),
  );
};
