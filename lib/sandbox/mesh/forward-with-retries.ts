import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { RouteDecision } from '@/lib/domain/istio';
import { endpointKey } from './load-balancer';
import { localReplies, type LocalReply } from './local-reply';
import { nowMs, sleep } from './message-io';
import type { MeshRuntime } from './mesh-runtime';
import type { ResponseFlag } from './response-flags';
import { attemptsAllowed, isRetriable, retryBackoffMs, type AttemptOutcome } from './retry-policy';
import { callUpstream, type UpstreamAttempt } from './upstream-call';
import type { UpstreamCluster, UpstreamEndpoint } from './upstream-cluster';

/**
 * Envoy's router for one request: picks a pod of the cluster, dials it through the pod network
 * (its inbound sidecar port), and retries under the route's policy within the route's timeout.
 */
export type ForwardResult =
  | {
      kind: 'response';
      response: IncomingMessage;
      endpoint: UpstreamEndpoint;
      flags: ResponseFlag[];
    }
  | {
      kind: 'failure';
      reply: LocalReply;
      endpoint: UpstreamEndpoint | undefined;
      flags: ResponseFlag[];
    };

export interface ForwardRequest {
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

function failureOf(outcome: Exclude<UpstreamAttempt, { kind: 'response' }>): {
  reply: LocalReply;
  flag: ResponseFlag;
} {
  switch (outcome.kind) {
    case 'connect-failure':
      return { reply: localReplies.connectFailure(), flag: 'UF' };
    case 'reset':
      return { reply: localReplies.reset(), flag: 'UC' };
    case 'per-try-timeout':
      return { reply: localReplies.timeout(), flag: 'UT' };
  }
}

export async function forwardWithRetries(
  runtime: MeshRuntime,
  cluster: UpstreamCluster,
  decision: RouteDecision,
  request: ForwardRequest,
): Promise<ForwardResult> {
  const deadline = decision.timeoutMs ? nowMs() + decision.timeoutMs : Infinity;
  const attempts = attemptsAllowed(decision.retries);
  const tried = new Set<string>();
  let endpoint: UpstreamEndpoint | undefined;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1)
      await sleep(Math.min(retryBackoffMs(attempt - 1), Math.max(0, deadline - nowMs())));
    const remaining = deadline - nowMs();
    if (remaining <= 0)
      return { kind: 'failure', reply: localReplies.timeout(), endpoint, flags: ['UT'] };
    endpoint = runtime.balancer.pick(cluster, tried);
    if (!endpoint)
      return { kind: 'failure', reply: localReplies.noHealthyUpstream(), endpoint, flags: ['UH'] };
    tried.add(endpointKey(endpoint));
    const perTry = Math.min(decision.retries.perTryTimeoutMs ?? Infinity, remaining);
    const loopbackPort = runtime.podNetwork.resolve(endpoint.podIP, endpoint.port);
    const result: UpstreamAttempt =
      loopbackPort === undefined
        ? { kind: 'connect-failure' }
        : await callUpstream({
            port: loopbackPort,
            method: request.method,
            path: request.path,
            headers:
              attempt > 1
                ? { ...request.headers, 'x-envoy-attempt-count': String(attempt) }
                : request.headers,
            body: request.body,
            agent: runtime.agent,
            ...(Number.isFinite(perTry) ? { timeoutMs: perTry } : {}),
          });
    // The route's own timeout ran out during the attempt: 504 UT, no more retries.
    if (result.kind === 'per-try-timeout' && nowMs() >= deadline) {
      return { kind: 'failure', reply: localReplies.timeout(), endpoint, flags: ['UT'] };
    }
    const outcome: AttemptOutcome =
      result.kind === 'response'
        ? { kind: 'status', status: result.response.statusCode ?? 0 }
        : result;
    const retriable = isRetriable(decision.retries.retryOn, outcome);
    if (retriable && attempt < attempts) {
      if (result.kind === 'response') result.response.resume();
      continue;
    }
    // Envoy flags URX when a retriable outcome is what remains after the last allowed retry.
    const exhausted: ResponseFlag[] = retriable && attempts > 1 ? ['URX'] : [];
    if (result.kind === 'response')
      return { kind: 'response', response: result.response, endpoint, flags: exhausted };
    const failure = failureOf(result);
    return { kind: 'failure', reply: failure.reply, endpoint, flags: [failure.flag, ...exhausted] };
  }
}
