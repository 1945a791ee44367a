import { endpoints } from '@/lib/domain/api/endpoints';
import { handle } from '@/lib/server/api/handler';
import { setGovernance } from '@/lib/server/projects/governance';

export const dynamic = 'force-dynamic';

export const PUT = handle(endpoints.setGovernance, async ({ params, body, kube, console: ctx }) =>
  setGovernance(kube(), ctx.kubeConfig, params.ns, params.app, body.enabled),
);
