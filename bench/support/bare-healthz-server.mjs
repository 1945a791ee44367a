/**
 * The baseline for console benchmarks: a bare Node `http` server answering `/api/healthz` with the
 * same JSON and headers as the console, so a ratio shows what Next.js adds. Port from PORT.
 */
import { createServer } from 'node:http';

const startedAt = Date.now();
createServer((request, response) => {
  if (request.url !== '/api/healthz') {
    response.writeHead(404).end();
    return;
  }
  const body = JSON.stringify({
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  });
  response
    .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
