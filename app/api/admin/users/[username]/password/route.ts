import { endpoints } from '@/lib/domain/api/endpoints';
import { summaryOf } from '@/lib/server/accounts/account-store';
import { generatePassword } from '@/lib/server/accounts/password-hash';
import { handle } from '@/lib/server/api/handler';

export const dynamic = 'force-dynamic';

export const POST = handle(endpoints.resetUserPassword, async ({ params, body, console: ctx }) => {
  const password = body.password ?? generatePassword();
  const account = await ctx.accounts.setPassword(params.username, password);
  return { account: summaryOf(account), password, generated: body.password === undefined };
});
