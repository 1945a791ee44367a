import { endpoints } from '@/lib/domain/api/endpoints';
import { summaryOf } from '@/lib/server/accounts/account-store';
import { ApiError } from '@/lib/server/api/api-error';
import { handle } from '@/lib/server/api/handler';

export const dynamic = 'force-dynamic';

export const PATCH = handle(
  endpoints.updateUser,
  async ({ params, body, signedIn, console: ctx }) => {
    if (params.username === signedIn.user.username && body.platformRole !== 'admin') {
      throw new ApiError('Conflict', 'you cannot take away your own platform administrator role');
    }
    return {
      account: summaryOf(await ctx.accounts.setPlatformRole(params.username, body.platformRole)),
    };
  },
);

export const DELETE = handle(endpoints.deleteUser, async ({ params, signedIn, console: ctx }) => {
  if (params.username === signedIn.user.username) {
    throw new ApiError('Conflict', 'you cannot delete the account you are signed in with');
  }
  await ctx.accounts.delete(params.username);
});
