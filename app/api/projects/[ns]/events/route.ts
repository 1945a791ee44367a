import { endpoints } from '@/lib/domain/api/endpoints';
import { handle } from '@/lib/server/api/handler';
import {
  assertMayWatchProject,
  parseCursor,
  projectEventStream,
} from '@/lib/server/projects/project-events';
import { readNamespaceInfo } from '@/lib/server/projects/project-overview';

export const dynamic = 'force-dynamic';

export const GET = handle(
  endpoints.projectEvents,
  async ({ params, query, request, kube, console: ctx }) => {
    // Refused people get 403 before the stream (and before learning whether the project exists).
    await assertMayWatchProject(kube(), params.ns);
    await readNamespaceInfo(ctx.kubeConfig, params.ns);
    const stream = projectEventStream(kube(), {
      namespace: params.ns,
      cursor: parseCursor(request.headers.get('last-event-id') ?? query.cursor),
      signal: request.signal,
    });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      },
    });
  },
);
