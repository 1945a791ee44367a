import { endpoints } from '@/lib/domain/api/endpoints';
import { summaryOf } from '@/lib/server/accounts/account-store';
import { generatePassword } from '@/lib/server/accounts/password-hash';
import { handle } from '@/lib/server/api/handler';

export const dynamic = 'force-dynamic';

export const GET = handle(endpoints.listUsers, async ({ console: ctx }) => ({
  items: (await ctx.accounts.list()).map(summaryOf),
}));

export const POST = handle(endpoints.createUser, async ({ body, console: ctx }) => {
  const password = body.password ?? generatePassword();
  const account = await ctx.accounts.create(body.username, body.platformRole, password);
  return { account: summaryOf(account), password, generated: body.password === undefined };
});
