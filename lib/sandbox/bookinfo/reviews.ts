/**
 * Bookinfo's reviews service. v1 returns the two reviews; v2 and v3 add each reviewer's stars
 * from ratings, black (10 s timeout) and red (2.5 s timeout). As in the sample, the environment
 * can override what the version implies: `ENABLE_RATINGS` and `STAR_COLOR`.
 */
import type { WorkloadAppFactory } from '../workloads/workload-app';
import { pathOf, productId, sendJson } from './http-util';
import { tracedHandler, type RequestScope } from './traced-handler';
import { upstreamUrl } from './upstreams';

export interface ReviewsBehaviour {
  ratingsEnabled: boolean;
  starColor: string;
  ratingsTimeoutMs: number;
}

/** What a reviews version does: v2 black stars, v3 red, v1 (and any other) none. */
export function reviewsBehaviour(version: string, env: Record<string, string>): ReviewsBehaviour {
  const rated = version === 'v2' || version === 'v3';
  return {
    ratingsEnabled: env.ENABLE_RATINGS !== undefined ? env.ENABLE_RATINGS === 'true' : rated,
    starColor: env.STAR_COLOR || (version === 'v3' ? 'red' : 'black'),
    ratingsTimeoutMs: version === 'v3' ? 2500 : 10_000,
  };
}

export const reviewTexts = [
  {
    reviewer: 'Reviewer1',
    text: 'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!',
  },
  {
    reviewer: 'Reviewer2',
    text: 'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.',
  },
];

type Rating = { stars: number; color: string } | { error: string };

async function fetchRatings(
  scope: RequestScope,
  url: string,
  timeoutMs: number,
): Promise<Record<string, number> | undefined> {
  try {
    const response = await scope.call(url, { timeoutMs });
    if (response.status !== 200) return undefined;
    const body = JSON.parse(response.body) as { ratings?: Record<string, number> };
    return body.ratings ?? {};
  } catch {
    return undefined;
  }
}

export const reviewsService: WorkloadAppFactory = (env, io) => {
  const behaviour = reviewsBehaviour(env.version, env.env);
  const ratingsBase = upstreamUrl(env.env, 'ratings');
  const clusterName = env.env.CLUSTER_NAME || 'null';
  return tracedHandler(
    io,
    async (req, res, scope) => {
      const match = /^\/reviews\/([^/]*)$/.exec(pathOf(req));
      if (!match || req.method !== 'GET') return sendJson(res, 404, { error: 'Not Found' });
      scope.span.updateName('GET /reviews/{id}');
      const raw = decodeURIComponent(match[1] ?? '');
      if (productId(raw) === undefined)
        return sendJson(res, 400, { error: 'please provide numeric product id' });
      let ratingOf: ((reviewer: string) => Rating) | undefined;
      if (behaviour.ratingsEnabled) {
        const ratings = await fetchRatings(
          scope,
          `${ratingsBase}/ratings/${raw}`,
          behaviour.ratingsTimeoutMs,
        );
        ratingOf = (reviewer) =>
          ratings
            ? { stars: ratings[reviewer] ?? -1, color: behaviour.starColor }
            : { error: 'Ratings service is currently unavailable' };
      }
      sendJson(res, 200, {
        id: raw,
        podname: env.podName,
        clustername: clusterName,
        reviews: reviewTexts.map((review) =>
          ratingOf ? { ...review, rating: ratingOf(review.reviewer) } : { ...review },
        ),
      });
    },
    (res) => sendJson(res, 200, { status: 'Reviews is healthy' }),
  );
};
