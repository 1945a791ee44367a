import { Agent, get } from 'node:http';

export interface LoadResult {
  /** Milliseconds per request, in completion order. */
  latencies: number[];
  /** Completed requests per second over the whole run. */
  throughput: number;
}

function timedGet(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const request = get(url, { agent, timeout: 5_000 }, (response) => {
      response.resume();
      response.on('end', () =>
        response.statusCode === 200
          ? resolve(performance.now() - start)
          : reject(new Error(`GET ${url} answered ${response.statusCode}`)),
      );
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} took over 5 s`)));
    request.on('error', reject);
  });
}

/**
 * Sends `count` GETs to `url` over keep-alive connections, `concurrency` at a time (each of
 * `concurrency` loops sends its next request when the previous one has answered).
 */
export async function runLoad(
  url: string,
  { count, concurrency }: { count: number; concurrency: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          latencies.push(await timedGet(url, agent));
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latencies, throughput: count / ((performance.now() - start) / 1000) };
}
