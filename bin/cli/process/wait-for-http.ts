import { CommandFailure } from '../cli-errors';
import type { ChildExit } from './child-process';

export interface WaitForHttpOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Time between attempts; small when the wait itself is being measured. */
  intervalMs?: number;
  /** The server's process: if it exits first, waiting is pointless. */
  exited?: Promise<ChildExit>;
  /** Used in error messages. */
  name: string;
}

/**
 * Polls `url` until it answers 2xx; resolves to the milliseconds that took. Fails early, with the
 * exit code, when the server process dies (a port in use, a missing build).
 */
export async function waitForHttp(url: string, options: WaitForHttpOptions): Promise<number> {
  const start = performance.now();
  let exit: ChildExit | undefined;
  void options.exited?.then((value) => (exit = value));
  for (;;) {
    if (exit) {
      throw new CommandFailure(
        `${options.name} exited (${exit.code ?? exit.signal}) before ${url} answered; see its output above`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return performance.now() - start;
    } catch {
      // not listening yet
    }
    if (performance.now() - start > options.timeoutMs) {
      throw new CommandFailure(
        `${options.name} did not answer ${url} within ${Math.round(options.timeoutMs / 1000)} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
