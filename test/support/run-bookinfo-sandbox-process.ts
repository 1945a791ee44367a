/**
 * The whole sandbox with Bookinfo in its own process, for measurements of that process (memory).
 * Usage: node bin/run-ts.js test/support/run-bookinfo-sandbox-process.ts DATA_DIR
 * Prints `READY <gateway url>` once productpage answers through the gateway; SIGTERM stops it.
 */
import { seededRandom } from '@/lib/domain/istio';
import { startSandbox } from '@/lib/sandbox/sandbox';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: run-bookinfo-sandbox-process.ts DATA_DIR');
const sandbox = await startSandbox({
  dataDir,
  ports: { api: 0, gateway: 0, jaeger: 0, otlp: 0, metrics: 0 },
  seedDemo: true,
  random: seededRandom(3),
});
const deadline = Date.now() + 30_000;
for (;;) {
  const answer = await fetch(`${sandbox.urls.gateway}/productpage`).then(
    (response) => response.text().then((body) => response.ok && body.includes('Book Reviews')),
    () => false,
  );
  if (answer) break;
  if (Date.now() > deadline) throw new Error('productpage did not answer within 30 s');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
console.log(`READY ${sandbox.urls.gateway}`);
const stop = () => void sandbox.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
