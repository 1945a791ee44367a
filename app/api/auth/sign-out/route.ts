import { endpoints } from '@/lib/domain/api/endpoints';
import { handle, sessionCookie } from '@/lib/server/api/handler';
import { sessionCookieName } from '@/lib/server/auth/session-seal';
import { requestCookies } from '@/lib/server/api/request-parts';

export const dynamic = 'force-dynamic';

export const POST = handle(endpoints.signOut, async ({ request, console: ctx }) => {
  await ctx.auth.signOut(requestCookies(request).get(sessionCookieName));
  const response = new Response(null, { status: 204 });
  response.headers.append('set-cookie', sessionCookie(ctx, undefined));
  return response;
});
