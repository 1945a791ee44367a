/**
 * The generator's default way to send: GET one URL over keep-alive connections (as a browser
 * reloading the page does), with fixed headers, reading the whole body.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { SendRequest, TrafficAnswer } from './traffic-generator';

export interface HttpSender {
  send: SendRequest;
  /** Closes the kept-alive connections. */
  close(): void;
}

export function createHttpSender(
  url: string,
  options: { headers?: Record<string, string>; timeoutMs?: number } = {},
): HttpSender {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const request = secure ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const send = () =>
    new Promise<TrafficAnswer>((resolve, reject) => {
      const outgoing = request(
        target,
        { method: 'GET', agent, headers: options.headers, timeout: timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('timeout', () =>
        outgoing.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)),
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  return { send, close: () => agent.destroy() };
}
