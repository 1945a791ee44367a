import { existsSync } from 'node:fs';
import { waitFor } from '../../test/support/wait-for';
import { e2eStack } from './stack-env';

async function answersOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  await response.arrayBuffer();
  return response.ok;
}

/**
 * Playwright's global setup, run once the demo printed its ready line: waits until what every
 * spec may take for granted is there: the seeded Bookinfo answering through the gateway (its pods
 * start after the seed), the admin kubeconfig, the seeded accounts' credentials, and the console.
 */
export default async function stackReady(): Promise<void> {
  const stack = e2eStack();
  const started = performance.now();
  await waitFor(() => answersOk(`${stack.gatewayURL}/productpage`), {
    timeoutMs: 60_000,
    intervalMs: 100,
    what: `Bookinfo's productpage at ${stack.gatewayURL}/productpage`,
  });
  await waitFor(() => answersOk(`${stack.baseURL}/api/healthz`), {
    timeoutMs: 10_000,
    what: `the console at ${stack.baseURL}/api/healthz`,
  });
  for (const file of [stack.kubeconfig, stack.credentialsFile]) {
    if (!existsSync(file)) throw new Error(`the demo wrote no ${file}`);
  }
  console.log(
    `e2e: demo stack ready (data dir ${stack.dataDir}; seeded demo answered after ${Math.round(performance.now() - started)} ms)`,
  );
}
