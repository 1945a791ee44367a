/**
 * Bookinfo's ratings service, with the fault modes that demo an automatic rollback, chosen by
 * `SERVICE_VERSION`: `v-faulty` answers half the requests 503, `v-delayed` holds half of them 7 s,
 * `v-unavailable` fails every rating, `v-unhealthy` fails every rating and its health check (so
 * the pod drops out of its endpoints). Which half is decided by the pod's random source.
 * Ratings v2 (backed by MySQL or MongoDB in the sample) answers as v1 does.
 */
import type { WorkloadAppFactory } from '../workloads/workload-app';
import { pathOf, productId, sendJson } from './http-util';
import { tracedHandler } from './traced-handler';

export type RatingsFaultMode = 'v-faulty' | 'v-delayed' | 'v-unavailable' | 'v-unhealthy';

/** How long `v-delayed` holds the requests it delays. */
export const ratingsDelayMs = 7000;

export function ratingsFaultMode(env: Record<string, string>): RatingsFaultMode | undefined {
  const mode = env.SERVICE_VERSION;
  return mode === 'v-faulty' ||
    mode === 'v-delayed' ||
    mode === 'v-unavailable' ||
    mode === 'v-unhealthy'
    ? mode
    : undefined;
}

export function productRatings(id: number) {
  return { id, ratings: { Reviewer1: 5, Reviewer2: 4 } };
}

export const ratingsService: WorkloadAppFactory = (env, io) => {
  const mode = ratingsFaultMode(env.env);
  const unavailable = { error: 'Service unavailable' };
  return tracedHandler(
    io,
    async (req, res, scope) => {
      const match = /^\/ratings\/([^/]*)$/.exec(pathOf(req));
      if (!match || req.method !== 'GET') return sendJson(res, 404, { error: 'Not Found' });
      scope.span.updateName('GET /ratings/{id}');
      const id = productId(decodeURIComponent(match[1] ?? ''));
      if (id === undefined)
        return sendJson(res, 400, { error: 'please provide numeric product id' });
      if (mode === 'v-unavailable' || mode === 'v-unhealthy')
        return sendJson(res, 503, unavailable);
      if (mode === 'v-faulty' && io.random() < 0.5) return sendJson(res, 503, unavailable);
      if (mode === 'v-delayed' && io.random() < 0.5) await io.sleep(ratingsDelayMs);
      sendJson(res, 200, productRatings(id));
    },
    (res) =>
      mode === 'v-unhealthy'
        ? sendJson(res, 500, { status: 'Ratings is not healthy' })
        : sendJson(res, 200, { status: 'Ratings is healthy' }),
  );
};
