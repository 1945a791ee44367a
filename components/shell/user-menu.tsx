'use client';

import { useRouter } from 'next/navigation';
import type { CurrentUser } from '@/lib/domain/accounts/account-schema';
import { useSignOut } from '@/lib/client/auth';
import { useTranslations } from '../i18n/translations';
import { Button } from '../ui/button';
import { DropdownMenu, type MenuEntry } from '../ui/dropdown-menu';

/** The signed-in person's menu: who they are, the admin pages they may open, sign-out. */
export function UserMenu({ user }: { user: CurrentUser }) {
  const t = useTranslations('auth.userMenu');
  const header = useTranslations('shell.header');
  const router = useRouter();
  const signOut = useSignOut();
  const entries: MenuEntry[] = [
    ...(user.platformRole === 'admin'
      ? ([
          { key: 'users', label: t('users'), onSelect: () => router.push('/admin/users') },
          'separator',
        ] as MenuEntry[])
      : []),
    {
      key: 'sign-out',
      label: t('signOut'),
      onSelect: () =>
        signOut.mutate(undefined, {
          onSettled: () => {
            router.replace('/sign-in');
            router.refresh();
          },
        }),
    },
  ];
  return (
    <DropdownMenu
      heading={
        <span className="flex flex-col">
          <span>{t('signedInAs', { name: user.username })}</span>
          {user.platformRole === 'admin' ? (
            <span className="text-xs font-normal text-slate-500">{t('platformAdmin')}</span>
          ) : null}
        </span>
      }
      entries={entries}
      trigger={
        <Button variant="inverse" size="sm" aria-label={header('userMenu')}>
          <span
            aria-hidden
            className="grid size-6 place-items-center rounded-full bg-emerald-700 text-xs font-semibold uppercase"
          >
            {user.username.charAt(0)}
          </span>
          <span>{user.username}</span>
        </Button>
      }
    />
  );
}
