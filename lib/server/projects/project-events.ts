import 'server-only';
import { AuthorizationV1Api, Watch, type KubeConfig } from '@kubernetes/client-node';
import {
  formatCursor,
  trimObject,
  watchedKinds,
  type Cursor,
  type ProjectChange,
  type WatchedKind,
} from '@/lib/domain/projects';
import { ApiError } from '../api/api-error';
import { apiRefusal } from '../kube/api-error';

/**
 * A project's live changes as server-sent events, from one watch per kind made as the person.
 * Each event's id holds the last resourceVersion of every kind (`Deployment=12;Pod=15;...`), so a
 * browser that reconnects (EventSource sends Last-Event-ID) resumes each watch where it stopped,
 * whatever order the kinds' events interleaved in. A watch whose version is gone (410) starts
 * afresh and the browser is told to reload (`resync`); a kind the cluster does not serve (no
 * Application CRD) is skipped.
 */

const paths: Record<WatchedKind, (ns: string) => string> = {
  Application: (ns) => `/apis/app.k8s.io/v1beta1/namespaces/${ns}/applications`,
  Service: (ns) => `/api/v1/namespaces/${ns}/services`,
  Deployment: (ns) => `/apis/apps/v1/namespaces/${ns}/deployments`,
  Pod: (ns) => `/api/v1/namespaces/${ns}/pods`,
};

/** The kinds a stream cannot do without (Applications are optional: not every cluster has the CRD). */
const requiredWatches = [
  { kind: 'Service', group: '', resource: 'services' },
  { kind: 'Deployment', group: 'apps', resource: 'deployments' },
  { kind: 'Pod', group: '', resource: 'pods' },
] as const;

/**
 * Refuses (403, in the error shape) a person who may not watch the project's objects, before the
 * stream starts: otherwise they would get a 200 stream whose first event is `denied`, and a
 * browser's EventSource would keep reconnecting to it.
 */
export async function assertMayWatchProject(
  userKube: KubeConfig,
  namespace: string,
): Promise<void> {
  const api = userKube.makeApiClient(AuthorizationV1Api);
  const answers = await Promise.all(
    requiredWatches.map(async ({ group, resource }) => {
      const review = await api.createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { namespace, group, resource, verb: 'watch' } },
        },
      });
      return review.status?.allowed === true ? undefined : resource;
    }),
  );
  const refused = answers.filter((r) => r !== undefined);
  if (refused.length > 0) {
    throw new ApiError(
      'Forbidden',
      `you may not watch ${refused.join(', ')} in project "${namespace}": ask a project admin for a role in it`,
    );
  }
}

export { formatCursor, parseCursor, type Cursor } from '@/lib/domain/projects';

export interface ProjectEventStreamOptions {
  namespace: string;
  /** Where to resume: Last-Event-ID, or the overview's resourceVersion for every kind. */
  cursor: Cursor;
  signal: AbortSignal;
  heartbeatMs?: number;
  /** A watch ended by the server's timeout is restarted after this long. */
  restartMs?: number;
}

const encoder = new TextEncoder();

export function projectEventStream(
  userKube: KubeConfig,
  options: ProjectEventStreamOptions,
): ReadableStream<Uint8Array> {
  const cursor: Cursor = { ...options.cursor };
  const aborts = new Map<WatchedKind, AbortController>();
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => {
        if (closed) return;
        controller.enqueue(
          encoder.encode(
            `event: ${event}\nid: ${formatCursor(cursor)}\ndata: ${JSON.stringify(data)}\n\n`,
          ),
        );
      };
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        for (const abort of aborts.values()) abort.abort();
        try {
          controller.close();
        } catch {
          // already closed by the reader going away
        }
      };
      options.signal.addEventListener('abort', close, { once: true });
      controller.enqueue(encoder.encode(`retry: 2000\n: connected\n\n`));
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(`: heartbeat ${Date.now()}\n\n`));
      }, options.heartbeatMs ?? 15_000);

      const watch = async (kind: WatchedKind): Promise<void> => {
        if (closed) return;
        try {
          const abort = await new Watch(userKube).watch(
            paths[kind](options.namespace),
            {
              allowWatchBookmarks: true,
              ...(cursor[kind] ? { resourceVersion: cursor[kind] } : {}),
            },
            (
              type,
              object: { metadata?: { resourceVersion?: string }; code?: number; message?: string },
            ) => {
              if (closed) return;
              if (type === 'ERROR') {
                if (object.code === 410) {
                  delete cursor[kind];
                  send('resync', { kind, reason: 'the watch fell too far behind: reload' });
                } else if (object.code === 403) {
                  send('denied', { kind, message: object.message ?? 'forbidden' });
                  close();
                }
                return;
              }
              const version = object.metadata?.resourceVersion;
              if (version) cursor[kind] = version;
              if (type === 'BOOKMARK') {
                send('bookmark', {});
                return;
              }
              const change: ProjectChange = {
                kind,
                type: type as ProjectChange['type'],
                object: trimObject(kind, object as never),
              };
              send('change', change);
            },
            (error) => {
              aborts.delete(kind);
              if (closed) return;
              if (error && !isAbort(error)) {
                const status = (error as { statusCode?: number }).statusCode;
                // A cluster without the Application CRD simply has no applications to watch.
                if (status === 404 && kind === 'Application') return;
                if (status === 403) send('denied', { kind, message: `may not watch ${kind}s` });
                // Otherwise let the browser reconnect (it resumes from its Last-Event-ID).
                close();
                return;
              }
              setTimeout(() => void watch(kind), options.restartMs ?? 0);
            },
          );
          if (closed) abort.abort();
          else aborts.set(kind, abort);
        } catch (error) {
          const refusal = apiRefusal(error);
          if (refusal?.code === 404 && kind === 'Application') return;
          if (refusal?.code === 403) send('denied', { kind, message: refusal.message });
          close();
        }
      };
      for (const kind of watchedKinds) void watch(kind);
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      for (const abort of aborts.values()) abort.abort();
    },
  });
}

const isAbort = (error: unknown) => (error as { name?: string })?.name === 'AbortError';
