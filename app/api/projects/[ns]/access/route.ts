import { endpoints } from '@/lib/domain/api/endpoints';
import { handle } from '@/lib/server/api/handler';
import { projectAccess } from '@/lib/server/projects/project-access';

export const dynamic = 'force-dynamic';

export const GET = handle(endpoints.getProjectAccess, async ({ params, kube }) =>
  projectAccess(kube(), params.ns),
);
