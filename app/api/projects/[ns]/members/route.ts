import { endpoints } from '@/lib/domain/api/endpoints';
import { handle } from '@/lib/server/api/handler';
import { inviteMember, listMembers } from '@/lib/server/projects/members';

export const dynamic = 'force-dynamic';

export const GET = handle(endpoints.listMembers, async ({ params, kube }) => ({
  items: await listMembers(kube(), params.ns),
}));

export const POST = handle(endpoints.inviteMember, async ({ params, body, kube, console: ctx }) =>
  inviteMember(kube(), ctx.accounts, params.ns, body.username, body.role),
);
