import { UserList, type UsersInitial } from '@/components/users/user-list';
import { PageHeader } from '@/components/shell/page-header';
import { summaryOf } from '@/lib/server/accounts/account-store';
import { toApiError } from '@/lib/server/api/api-error';
import { requireSignedIn } from '@/lib/server/auth/page-session';
import { consoleContext } from '@/lib/server/console/console-context';
import { getTranslations } from '@/lib/server/i18n/translations';

export const dynamic = 'force-dynamic';

/**
 * KubeSphere's 账户管理 (the layout lets only platform administrators in). The accounts are read
 * with the console's own credentials, as the API does; only their summaries leave the server,
 * never a password hash.
 */
export default async function UsersPage() {
  const signedIn = await requireSignedIn();
  // The layout shows the 403 page; a layout is no guard on its own (it renders alongside the page
  // and not again on client navigation), so the accounts are read only for an administrator.
  if (signedIn.user.platformRole !== 'admin') return null;
  const [t, initial] = await Promise.all([
    getTranslations('users.page'),
    consoleContext()
      .accounts.list()
      .then(
        (accounts): UsersInitial => ({ items: accounts.map(summaryOf) }),
        (error: unknown): UsersInitial => {
          const { code, message } = toApiError(error);
          return { error: { code, message } };
        },
      ),
  ]);
  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      <UserList currentUser={signedIn.user.username} initial={initial} />
    </>
  );
}
