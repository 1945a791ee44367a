import { endpoints } from '@/lib/domain/api/endpoints';
import { handle } from '@/lib/server/api/handler';
import { getProjectOverview } from '@/lib/server/projects/project-overview';

export const dynamic = 'force-dynamic';

export const GET = handle(endpoints.getProject, async ({ params, kube, console: ctx }) =>
  getProjectOverview(kube(), ctx.kubeConfig, params.ns),
);
