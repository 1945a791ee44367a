/**
 * The fetch-like function a pod's application calls other services with. The URL names a service
 * (`http://reviews:9080/reviews/0`); `route` says where to really connect (the pod's sidecar
 * outbound port, or a resolved endpoint), and the Host header keeps the service name so a sidecar
 * can route on it. node:http rather than global fetch: fetch will not let a caller set Host.
 */
import { request, type Agent } from 'node:http';
import type { OutboundFetch, OutboundResponse } from './workload-app';

export interface ConnectTarget {
  host: string;
  port: number;
}

/** Where to connect for `hostname:port`; rejects (or throws) when the service has nowhere to go. */
export type OutboundRoute = (
  hostname: string,
  port: number,
) => ConnectTarget | Promise<ConnectTarget>;

export function createOutboundFetch(route: OutboundRoute, agent: Agent): OutboundFetch {
  return async (url, init = {}) => {
    const target = new URL(url);
    const port = Number(target.port || 80);
    const connect = await route(target.hostname, port);
    return new Promise<OutboundResponse>((resolve, reject) => {
      const req = request(
        {
          host: connect.host,
          port: connect.port,
          method: init.method ?? 'GET',
          path: `${target.pathname}${target.search}`,
          headers: { ...init.headers, host: target.host },
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', reject);
        },
      );
      const timer = init.timeoutMs
        ? setTimeout(
            () => req.destroy(new Error(`timeout after ${init.timeoutMs} ms calling ${url}`)),
            init.timeoutMs,
          )
        : undefined;
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(init.body);
    });
  };
}
