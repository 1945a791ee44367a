import type { IncomingMessage, ServerResponse } from 'node:http';
import { spanClockMs } from '../contracts/span-clock';

/** Reading and relaying message bodies while counting their bytes (for the *_bytes metrics). */

/** The whole request body: a proxy needs it to retry and to mirror. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Streams an upstream response body to the downstream response. Resolves with the bytes relayed
 * once the downstream response is finished or closed (an aborted upstream ends it too).
 */
export function relayBody(from: IncomingMessage, to: ServerResponse): Promise<number> {
  return new Promise((resolve) => {
    let bytes = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(bytes);
    };
    from.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    from.on('error', () => to.destroy());
    from.on('aborted', () => to.destroy());
    to.on('finish', finish);
    to.on('close', finish);
    from.pipe(to);
  });
}

/** The span clock: proxies time requests and spans with the clock the applications' spans use. */
export const nowMs = spanClockMs;

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
