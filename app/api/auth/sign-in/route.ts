import { endpoints } from '@/lib/domain/api/endpoints';
import { handle, sessionCookie } from '@/lib/server/api/handler';
import { clientAddress } from '@/lib/server/api/request-parts';

export const dynamic = 'force-dynamic';

export const POST = handle(endpoints.signIn, async ({ body, request, console: ctx }) => {
  const address = clientAddress(request);
  const { cookie, user } =
    'token' in body
      ? await ctx.auth.signInWithToken(body.token, address)
      : await ctx.auth.signInWithPassword(body.username, body.password, address);
  const response = Response.json({ user });
  response.headers.append('set-cookie', sessionCookie(ctx, cookie));
  return response;
});
