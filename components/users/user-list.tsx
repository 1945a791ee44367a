'use client';

import { useMemo, useState } from 'react';
import type { AccountSummary, PlatformRole } from '@/lib/domain/accounts/account-schema';
import { isApiError } from '@/lib/client/api-fetch';
import { useDeleteUser, useResetPassword, useUpdateUser, useUsers } from '@/lib/client/users';
import { useFormatter, useTranslations } from '../i18n/translations';
import { Badge } from '../ui/badge';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { DataTable, type DataTableColumn } from '../ui/data-table';
import type { MenuEntry } from '../ui/dropdown-menu';
import { EmptyState } from '../ui/empty-state';
import { ErrorState } from '../ui/error-state';
import { focusRowMenu, RowActionsMenu, useRowConfirm } from '../ui/row-actions';
import { SkeletonRegion, SkeletonTable } from '../ui/skeleton';
import { useToast } from '../ui/toast';
import { CreateUserDialog, type CreatedAccount } from './create-user-dialog';
import { PasswordOnceDialog, type ShownPassword } from './password-once-dialog';

/** What the server component could load: the accounts, or why not (plain data, not an Error). */
export type UsersInitial =
  { items: AccountSummary[] } | { error: { code: string; message: string } };

type PendingAction =
  | { kind: 'reset'; account: AccountSummary }
  | { kind: 'role'; account: AccountSummary; platformRole: PlatformRole }
  | { kind: 'delete'; account: AccountSummary };

/**
 * KubeSphere's 账户管理: every account with its platform role, when it was made and when its
 * password last changed; create (a generated password is shown once), reset a password (shown
 * once), make or unmake a platform administrator, delete. The API refuses deleting or demoting
 * yourself; the dialog then says so.
 */
export function UserList({ currentUser, initial }: { currentUser: string; initial: UsersInitial }) {
  const t = useTranslations('users');
  const roles = useTranslations('users.roles');
  const format = useFormatter();
  const toast = useToast();
  const users = useUsers('items' in initial ? initial : undefined);
  const resetPassword = useResetPassword();
  const updateUser = useUpdateUser();
  const deleteUser = useDeleteUser();
  const { pending, confirmKey, ask, handleConfirmOpenChange, handFocusOn } = useRowConfirm(
    (action: PendingAction) => action.account.username,
  );
  const [shown, setShown] = useState<(ShownPassword & { from: 'create' | 'reset' }) | null>(null);

  const columns = useMemo<DataTableColumn<AccountSummary>[]>(() => {
    const when = (iso: string | undefined) =>
      iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : '';
    const menuOf = (account: AccountSummary): MenuEntry[] => [
      {
        key: 'reset',
        label: t('resetPassword.menu'),
        onSelect: () => ask({ kind: 'reset', account }),
      },
      account.platformRole === 'admin'
        ? {
            key: 'unmake-admin',
            label: t('unmakeAdmin.menu'),
            onSelect: () => ask({ kind: 'role', account, platformRole: 'user' }),
          }
        : {
            key: 'make-admin',
            label: t('makeAdmin.menu'),
            onSelect: () => ask({ kind: 'role', account, platformRole: 'admin' }),
          },
      'separator',
      {
        key: 'delete',
        label: t('delete.menu'),
        danger: true,
        onSelect: () => ask({ kind: 'delete', account }),
      },
    ];
    return [
      {
        accessorKey: 'username',
        header: t('list.username'),
        cell: ({ row }) => (
          <span className="flex items-center gap-2">
            <span className="font-medium text-slate-900">{row.original.username}</span>
            {row.original.username === currentUser ? (
              <Badge tone="info">{t('list.you')}</Badge>
            ) : null}
          </span>
        ),
      },
      {
        accessorKey: 'platformRole',
        header: t('list.platformRole'),
        cell: ({ row }) => (
          <Badge tone={row.original.platformRole === 'admin' ? 'success' : 'neutral'}>
            {roles(row.original.platformRole)}
          </Badge>
        ),
      },
      {
        accessorKey: 'createdAt',
        header: t('list.created'),
        cell: ({ row }) => when(row.original.createdAt),
      },
      {
        id: 'passwordChangedAt',
        accessorFn: (account) => account.passwordChangedAt ?? '',
        header: t('list.passwordChanged'),
        cell: ({ row }) => when(row.original.passwordChangedAt) || t('list.never'),
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t('list.actions')}</span>,
        enableSorting: false,
        cell: ({ row }) => (
          <RowActionsMenu
            name={row.original.username}
            label={t('list.actionsFor', { name: row.original.username })}
            entries={menuOf(row.original)}
          />
        ),
      },
    ];
  }, [t, roles, format, currentUser, ask]);

  if (users.isPending) {
    return (
      <SkeletonRegion>
        <SkeletonTable columns={4} />
      </SkeletonRegion>
    );
  }
  if (users.isError && !users.data) {
    return (
      <ErrorState
        title={t('loadFailed')}
        message={users.error.message}
        onRetry={() => void users.refetch()}
        retrying={users.isFetching}
      />
    );
  }

  const handleCreated = (created: CreatedAccount) => {
    if (created.generated) {
      setShown({
        from: 'create',
        title: t('create.createdTitle', { name: created.username }),
        username: created.username,
        password: created.password,
      });
    } else {
      toast.show({ title: t('create.created', { name: created.username }), tone: 'success' });
    }
  };

  /** The API's 409 for acting on yourself, in the page's language; anything else as it came. */
  const refusal = (error: unknown, self: string): never => {
    if (isApiError(error, 'Conflict') && pending?.account.username === currentUser) {
      throw new Error(self);
    }
    throw error;
  };

  return (
    <>
      <DataTable
        label={t('list.label')}
        columns={columns}
        data={users.data?.items ?? []}
        getRowId={(account) => account.username}
        filterable
        toolbar={<CreateUserDialog onCreated={handleCreated} />}
        empty={<EmptyState title={t('list.empty')} description={t('list.emptyHint')} />}
      />
      {pending?.kind === 'reset' ? (
        <ConfirmDialog
          key={confirmKey}
          open
          onOpenChange={handleConfirmOpenChange}
          title={t('resetPassword.title', { name: pending.account.username })}
          description={t('resetPassword.description', { name: pending.account.username })}
          confirmLabel={t('resetPassword.confirm')}
          onConfirm={async () => {
            const { username } = pending.account;
            const answer = await resetPassword.mutateAsync({ username });
            // The password dialog takes focus now, and returns it to the row when done.
            handFocusOn();
            setShown({
              from: 'reset',
              title: t('resetPassword.doneTitle', { name: username }),
              username,
              password: answer.password,
            });
          }}
        />
      ) : null}
      {pending?.kind === 'role' ? (
        <ConfirmDialog
          key={confirmKey}
          open
          onOpenChange={handleConfirmOpenChange}
          title={
            pending.platformRole === 'admin'
              ? t('makeAdmin.title', { name: pending.account.username })
              : t('unmakeAdmin.title', { name: pending.account.username })
          }
          description={
            pending.platformRole === 'admin'
              ? t('makeAdmin.description', { name: pending.account.username })
              : t('unmakeAdmin.description', { name: pending.account.username })
          }
          confirmLabel={
            pending.platformRole === 'admin' ? t('makeAdmin.confirm') : t('unmakeAdmin.confirm')
          }
          onConfirm={async () => {
            const { account, platformRole } = pending;
            await updateUser
              .mutateAsync({ username: account.username, platformRole })
              .catch((error: unknown) => refusal(error, t('unmakeAdmin.self')));
            toast.show({
              title:
                platformRole === 'admin'
                  ? t('makeAdmin.done', { name: account.username })
                  : t('unmakeAdmin.done', { name: account.username }),
              tone: 'success',
            });
          }}
        />
      ) : null}
      {pending?.kind === 'delete' ? (
        <ConfirmDialog
          key={confirmKey}
          open
          onOpenChange={handleConfirmOpenChange}
          variant="danger"
          title={t('delete.title', { name: pending.account.username })}
          description={t('delete.description', { name: pending.account.username })}
          confirmLabel={t('delete.confirm')}
          onConfirm={async () => {
            const { username } = pending.account;
            await deleteUser
              .mutateAsync(username)
              .catch((error: unknown) => refusal(error, t('delete.self')));
            toast.show({ title: t('delete.done', { name: username }), tone: 'success' });
          }}
        />
      ) : null}
      <PasswordOnceDialog
        shown={shown}
        onClose={() => {
          if (shown?.from === 'reset') focusRowMenu(shown.username);
          else
            setTimeout(() => document.querySelector<HTMLElement>('[data-create-account]')?.focus());
          setShown(null);
        }}
      />
    </>
  );
}
