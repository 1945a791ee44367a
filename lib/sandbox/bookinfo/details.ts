/**
 * Bookinfo's details service: the book's bibliographic record. Versions other than v1 (v2 looks
 * books up in an outside catalogue) answer as v1 does; they still report their own version in
 * their log and spans.
 */
import type { WorkloadAppFactory } from '../workloads/workload-app';
import { pathOf, productId, sendJson } from './http-util';
import { tracedHandler } from './traced-handler';

/** The record details answers for every numeric id. */
export function bookDetails(id: number) {
  return {
    id,
    author: 'William Shakespeare',
    year: 1595,
    type: 'paperback',
    pages: 200,
    publisher: 'PublisherA',
    language: 'English',
    'ISBN-10': '1234567890',
    'ISBN-13': '123-1234567890',
  };
}

export const detailsService: WorkloadAppFactory = (_env, io) =>
  tracedHandler(
    io,
    (req, res, scope) => {
      const match = /^\/details\/([^/]*)$/.exec(pathOf(req));
      if (!match || req.method !== 'GET') return sendJson(res, 404, { error: 'Not Found' });
      scope.span.updateName('GET /details/{id}');
      const id = productId(decodeURIComponent(match[1] ?? ''));
      if (id === undefined)
        return sendJson(res, 400, { error: 'please provide numeric product id' });
      sendJson(res, 200, bookDetails(id));
    },
    (res) => sendJson(res, 200, { status: 'Details is healthy' }),
  );
