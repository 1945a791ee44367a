import { endpoints } from '@/lib/domain/api/endpoints';
import { handle } from '@/lib/server/api/handler';
import { changeMemberRole, removeMember } from '@/lib/server/projects/members';

export const dynamic = 'force-dynamic';

export const PATCH = handle(endpoints.changeMemberRole, async ({ params, body, kube }) =>
  changeMemberRole(kube(), params.ns, params.username, body.role),
);

export const DELETE = handle(endpoints.removeMember, async ({ params, kube }) =>
  removeMember(kube(), params.ns, params.username),
);
