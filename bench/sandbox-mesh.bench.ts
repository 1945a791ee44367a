/**
 * The sandbox's mesh and telemetry against their peers, bounded in time (about a minute and a half):
 * - one mesh hop (caller's outbound sidecar + callee's inbound sidecar) against a direct call to
 *   the same application, p50 and p99, open loop at 200 and 1,000 requests/s, 5 s each;
 * - VirtualService write -> first request routed by it, p50 and p99 over 60 writes;
 * - RSS of the whole sandbox with Bookinfo running (a child process) against a bare Node process;
 * - PromQL evaluation of the console's queries over an hour of samples against a real Prometheus
 *   holding the same samples (when /usr/bin/prometheus is installed).
 */
import type { BenchRow } from './support/bench-types';
import { measureMesh } from './support/mesh-measurements';
import { comparePromql } from './support/promql-comparison';
import { measureSandboxMemory } from './support/sandbox-memory';

export async function run(): Promise<BenchRow[]> {
  return [...(await measureMesh()), ...(await measureSandboxMemory()), ...(await comparePromql())];
}
