import { endpoints } from '@/lib/domain/api/endpoints';
import { handle } from '@/lib/server/api/handler';
import { createProject, listProjects } from '@/lib/server/projects/project-directory';

export const dynamic = 'force-dynamic';

export const GET = handle(endpoints.listProjects, async ({ signedIn, console: ctx }) => ({
  items: await listProjects(ctx.kubeConfig, signedIn.user, ctx.config.systemNamespace),
}));

export const POST = handle(endpoints.createProject, async ({ body, kube }) =>
  createProject(kube(), body),
);
