import type { OutgoingHttpHeaders } from 'node:http';
import type { MirrorDecision } from '@/lib/domain/istio';
import { shadowAuthority } from './http-headers';
import type { MeshRuntime } from './mesh-runtime';
import type { MeshSnapshot } from './mesh-snapshot';
import { callUpstream } from './upstream-call';
import { resolveUpstream } from './upstream-cluster';

/** Envoy sends a shadow no longer than this when the route sets no timeout. */
const shadowTimeoutMs = 30_000;

/**
 * Sends the shadow copies of a request the routing decision fired (fire-and-forget: the answers
 * are drained and dropped, failures never touch the original request). The copy's Host gets the
 * `-shadow` suffix, as Envoy writes it; the destination's sidecar reports it like any request.
 */
export function sendMirrors(
  runtime: MeshRuntime,
  snapshot: MeshSnapshot,
  mirrors: readonly MirrorDecision[],
  request: {
    method: string;
    path: string;
    headers: OutgoingHttpHeaders;
    authority: string;
    body: Buffer;
  },
  timeoutMs: number | undefined,
): void {
  for (const mirror of mirrors) {
    const cluster = resolveUpstream(snapshot, mirror.destination);
    const endpoint = cluster ? runtime.balancer.pick(cluster, new Set()) : undefined;
    const port = endpoint ? runtime.podNetwork.resolve(endpoint.podIP, endpoint.port) : undefined;
    if (port === undefined) continue;
    callUpstream({
      port,
      method: request.method,
      path: request.path,
      headers: { ...request.headers, host: shadowAuthority(request.authority) },
      body: request.body,
      agent: runtime.agent,
      timeoutMs: timeoutMs ?? shadowTimeoutMs,
    }).then(
      (attempt) => {
        if (attempt.kind === 'response') attempt.response.resume();
      },
      (error: unknown) => runtime.onError(error),
    );
  }
}
