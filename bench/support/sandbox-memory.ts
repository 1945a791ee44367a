/**
 * Memory of the whole sandbox with Bookinfo running (no console), in its own process, after a few
 * seconds of traffic, against a bare Node process that does nothing.
 */
import { fileURLToPath } from 'node:url';
import { createHttpSender } from '../../lib/sandbox/traffic/http-sender';
import { startTrafficGenerator } from '../../lib/sandbox/traffic/traffic-generator';
import { makeTempDir } from '../../test/support/temp-dir';
import { compared, type BenchRow } from './bench-types';
import { rssMegabytes, startReadyChild } from './process-rss';

const runTs = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const entry = fileURLToPath(
  new URL('../../test/support/run-bookinfo-sandbox-process.ts', import.meta.url),
);

export async function measureSandboxMemory(): Promise<BenchRow[]> {
  const bare = await startReadyChild(['-e', "console.log('READY'); setInterval(() => {}, 1000);"]);
  const bareRss = rssMegabytes(bare.child.pid!);
  await bare.stop();
  const dir = makeTempDir('bench-rss');
  const sandbox = await startReadyChild([runTs, entry, dir.path]);
  try {
    const sender = createHttpSender(`${sandbox.ready}/productpage`);
    const generator = startTrafficGenerator({
      ratePerSecond: 20,
      send: sender.send,
      windowMs: 60_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const totals = await generator.stop();
    sender.close();
    if (totals.byStatus['200'] !== totals.sent)
      throw new Error(`Bookinfo answered ${JSON.stringify(totals.byStatus)}`);
    const rss = rssMegabytes(sandbox.child.pid!);
    return [
      compared({
        name: 'sandbox + Bookinfo after 8 s at 20 req/s vs bare node',
        metric: 'RSS',
        value: rss,
        baseline: bareRss,
        unit: 'MB',
      }),
      compared({
        name: 'sandbox + Bookinfo vs 300 MB goal',
        metric: 'RSS',
        value: rss,
        baseline: 300,
        unit: 'MB',
      }),
    ];
  } finally {
    await sandbox.stop();
    dir.remove();
  }
}
