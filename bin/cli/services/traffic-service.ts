import { signInToBookinfo } from '@/lib/sandbox/traffic/bookinfo-login';
import { createHttpSender } from '@/lib/sandbox/traffic/http-sender';
import { startTrafficGenerator } from '@/lib/sandbox/traffic/traffic-generator';
import { formatWindow } from '@/lib/sandbox/traffic/traffic-tally';
import { CommandFailure } from '../cli-errors';
import type { ServiceDefinition } from './service';

export interface TrafficServiceOptions {
  /** The page to request; a function when it is known only once an earlier service started. */
  url: string | (() => string);
  ratePerSecond: number;
  /** Sign in to Bookinfo as this user first, so productpage sends `end-user: <user>` upstream. */
  user?: string;
  /** Time between summary lines. */
  windowMs: number;
  /** Before sending, wait (at most this long) for the page to answer 200: pods are still starting. */
  waitForPageMs?: number;
  log?: (line: string) => void;
}

async function untilAnswered<T>(
  what: string,
  timeoutMs: number,
  attempt: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() > deadline) {
      if (lastError)
        throw new CommandFailure(
          `${what}: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
        );
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Steady requests to Bookinfo's productpage, as `aviary traffic` and the demo's `--traffic` run
 * them: one summary line per window (answers by status, reviews versions seen), stopped with the
 * other services.
 */
export function trafficService(options: TrafficServiceOptions): ServiceDefinition {
  const log = options.log ?? console.log;
  return {
    name: 'traffic',
    async start() {
      const url = typeof options.url === 'function' ? options.url() : options.url;
      if (options.waitForPageMs) {
        const ready = await untilAnswered(
          `${url} did not answer`,
          options.waitForPageMs,
          async () => {
            const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
            await response.arrayBuffer();
            return response.ok || undefined;
          },
        ).catch(() => undefined);
        if (!ready) log(`traffic: ${url} does not answer 200 yet; sending anyway`);
      }
      const cookie = options.user
        ? await untilAnswered(`signing in to ${url} as ${options.user}`, 30_000, () =>
            signInToBookinfo(url, options.user!),
          )
        : undefined;
      const sender = createHttpSender(url, { headers: cookie ? { cookie } : {} });
      const generator = startTrafficGenerator({
        ratePerSecond: options.ratePerSecond,
        send: sender.send,
        windowMs: options.windowMs,
        onWindow: (window) => log(`traffic: ${formatWindow(window)}`),
      });
      const who = options.user ? ` as ${options.user}` : '';
      return {
        name: 'traffic',
        endpoints: [{ label: 'Traffic', url: `GET ${url} at ${options.ratePerSecond}/s${who}` }],
        // Sending never ends by itself: failed requests are counted, not fatal.
        ended: new Promise<string>(() => undefined),
        async stop() {
          const totals = await generator.stop();
          sender.close();
          log(`traffic total: ${formatWindow(totals)}`);
        },
      };
    },
  };
}

/**
 * What `--traffic` adds to `aviary sandbox` and `aviary demo`: 2 requests per second to the
 * sandbox's productpage (the walkthrough's rate), a summary every 10 s so it does not drown the
 * other output, started once the page answers. `gateway` is the sandbox's gateway URL once it runs.
 */
export function sandboxTrafficService(gateway: () => string): ServiceDefinition {
  return trafficService({
    url: () => `${gateway()}/productpage`,
    ratePerSecond: 2,
    windowMs: 10_000,
    waitForPageMs: 60_000,
  });
}
