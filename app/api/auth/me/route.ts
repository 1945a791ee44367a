import { endpoints } from '@/lib/domain/api/endpoints';
import { handle } from '@/lib/server/api/handler';

export const dynamic = 'force-dynamic';

export const GET = handle(endpoints.me, async ({ signedIn }) => ({ user: signedIn.user }));
