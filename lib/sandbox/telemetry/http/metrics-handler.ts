import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from '../metrics/exposition';
import type { MetricsRegistry } from '../metrics/registry';
import type { SampleStore } from '../metrics/sample-store';
import {
  instantQueryAnswer,
  labelNamesAnswer,
  labelValuesAnswer,
  rangeQueryAnswer,
  seriesAnswer,
  type ApiAnswer,
} from '../promql/api';

const maxFormBytes = 1024 * 1024;

/** Query parameters from the URL and, for POST, from a form-encoded body, as Prometheus accepts both. */
async function requestParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  if (req.method === 'POST') {
    let body = '';
    for await (const chunk of req as AsyncIterable<Buffer>) {
      body += chunk.toString('utf8');
      if (body.length > maxFormBytes) throw new Error('request body too large');
    }
    for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
  }
  return params;
}

function sendAnswer(res: ServerResponse, answer: ApiAnswer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.httpStatus, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * The sandbox's Prometheus: `/metrics` in the exposition format (a real Prometheus can scrape
 * it) and Prometheus' HTTP API over the sandbox's own samples, so the console reads metrics from
 * the sandbox with the same client and PromQL it uses against a real Prometheus.
 */
export function createMetricsHandler(
  registry: MetricsRegistry,
  store: SampleStore,
  now: () => number = Date.now,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const path = url.pathname;
      if (req.method !== 'GET' && req.method !== 'POST') {
        res.writeHead(405, { allow: 'GET, POST' }).end();
        return;
      }
      if (path === '/metrics') {
        const text = renderExposition(registry);
        res.writeHead(200, {
          'content-type': EXPOSITION_CONTENT_TYPE,
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
        return;
      }
      const params = await requestParams(req, url);
      if (path === '/api/v1/query')
        return sendAnswer(res, instantQueryAnswer(params, store, now()));
      if (path === '/api/v1/query_range') return sendAnswer(res, rangeQueryAnswer(params, store));
      if (path === '/api/v1/series') return sendAnswer(res, seriesAnswer(params, store));
      if (path === '/api/v1/labels') return sendAnswer(res, labelNamesAnswer(params, store));
      const labelValues = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
      if (labelValues)
        return sendAnswer(
          res,
          labelValuesAnswer(decodeURIComponent(labelValues[1]!), params, store),
        );
      if (path === '/-/healthy' || path === '/-/ready') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('Prometheus Server is Ready.\n');
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    });
  };
}

/**
 * Samples the registry into the store every `intervalMs` (1 s by default, the resolution a rate
 * over one minute needs), as Prometheus scrapes a target. Returns the function that stops it.
 */
export function startSampling(
  registry: MetricsRegistry,
  store: SampleStore,
  intervalMs = 1_000,
  now: () => number = Date.now,
): () => void {
  store.scrape(registry, now());
  const timer = setInterval(() => store.scrape(registry, now()), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
