'use client';

import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { projectRoles, type Member, type ProjectRole } from '@/lib/domain/projects';
import { isApiError } from '@/lib/client/api-fetch';
import { useChangeMemberRole, useMembers, useRemoveMember } from '@/lib/client/members';
import { useFormatter, useTranslations } from '../i18n/translations';
import { Badge, type BadgeTone } from '../ui/badge';
import { Banner } from '../ui/banner';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { DataTable, type DataTableColumn } from '../ui/data-table';
import type { MenuEntry } from '../ui/dropdown-menu';
import { EmptyState } from '../ui/empty-state';
import { ErrorState } from '../ui/error-state';
import { RowActionsMenu, useRowConfirm } from '../ui/row-actions';
import { SkeletonRegion, SkeletonTable } from '../ui/skeleton';
import { useToast } from '../ui/toast';
import { InviteMemberDialog } from './invite-member-dialog';

/** What the server component could load: the list, or why not (plain data, not an Error). */
export type MembersInitial = { items: Member[] } | { error: { code: string; message: string } };

const roleTone: Record<ProjectRole, BadgeTone> = {
  viewer: 'neutral',
  operator: 'info',
  admin: 'success',
};

type PendingAction =
  { kind: 'role'; member: Member; role: ProjectRole } | { kind: 'remove'; member: Member };

/** Whose members page this is, and what the person looking may do there. */
interface MembersScope {
  project: string;
  currentUser: string;
  canManage: boolean;
}

/**
 * KubeSphere's 项目成员: the project's members with role, since when and whether Aviary manages
 * the binding. Those who may manage members invite, change roles and remove; bindings made
 * outside Aviary, and everything for everyone else, are read-only. When the cluster refuses the
 * list itself (viewers and operators may not list RoleBindings) the page says which permission
 * is missing instead.
 */
export function MembersView({
  project,
  currentUser,
  canManage,
  initial,
}: MembersScope & { initial: MembersInitial }) {
  const t = useTranslations('members');
  const refusedAtLoad = 'error' in initial && initial.error.code === 'Forbidden';
  if (refusedAtLoad) return <MembersForbidden project={project} />;
  return (
    <>
      {!canManage ? (
        <div className="mb-4">
          <Banner title={t('page.readOnly')}>{t('page.readOnlyDetail')}</Banner>
        </div>
      ) : null}
      <MemberTable
        project={project}
        currentUser={currentUser}
        canManage={canManage}
        initial={'items' in initial ? initial : undefined}
      />
    </>
  );
}

function MembersForbidden({ project }: { project: string }) {
  const t = useTranslations('members.forbidden');
  return (
    <section
      aria-labelledby="members-forbidden"
      className="rounded-lg border border-amber-300 bg-amber-50 px-5 py-4 text-amber-950"
    >
      <h2 id="members-forbidden" className="text-base font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 max-w-3xl text-sm">{t('message', { project })}</p>
      <p className="mt-2 max-w-3xl text-sm">{t('contact', { project })}</p>
    </section>
  );
}

function MemberTable({
  project,
  currentUser,
  canManage,
  initial,
}: MembersScope & { initial: { items: Member[] } | undefined }) {
  const t = useTranslations('members');
  const roles = useTranslations('members.roles');
  const format = useFormatter();
  const router = useRouter();
  const toast = useToast();
  const members = useMembers(project, initial);
  const changeRole = useChangeMemberRole(project);
  const remove = useRemoveMember(project);
  const { pending, confirmKey, ask, handleConfirmOpenChange } = useRowConfirm(
    (action: PendingAction) => action.member.username,
  );

  const columns = useMemo<DataTableColumn<Member>[]>(() => {
    const editable = (member: Member) => canManage && member.managed && member.kind === 'User';
    const menuOf = (member: Member): MenuEntry[] => [
      ...projectRoles
        .filter((role) => role !== member.role)
        .map((role) => ({
          key: `role-${role}`,
          label: t('changeRole.menu', { role: roles(role) }),
          onSelect: () => ask({ kind: 'role', member, role }),
        })),
      'separator',
      {
        key: 'remove',
        label: t('remove.menu'),
        danger: true,
        onSelect: () => ask({ kind: 'remove', member }),
      },
    ];
    return [
      {
        accessorKey: 'username',
        header: t('list.username'),
        cell: ({ row }) => (
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">{row.original.username}</span>
            {row.original.kind !== 'User' ? (
              <Badge>{t(`list.kind.${row.original.kind}`)}</Badge>
            ) : null}
            {row.original.kind === 'User' && row.original.username === currentUser ? (
              <Badge tone="info">{t('list.you')}</Badge>
            ) : null}
          </span>
        ),
      },
      {
        accessorKey: 'role',
        header: t('list.role'),
        sortingFn: (a, b) =>
          projectRoles.indexOf(a.original.role) - projectRoles.indexOf(b.original.role),
        cell: ({ row }) => (
          <Badge tone={roleTone[row.original.role]}>{roles(row.original.role)}</Badge>
        ),
      },
      {
        accessorKey: 'since',
        header: t('list.since'),
        cell: ({ row }) =>
          row.original.since
            ? format.dateTime(new Date(row.original.since), {
                dateStyle: 'medium',
                timeStyle: 'short',
              })
            : '',
      },
      {
        id: 'managed',
        accessorFn: (member) => (member.managed ? t('list.managed') : t('list.unmanaged')),
        header: t('list.managedBy'),
        cell: ({ row }) =>
          row.original.managed ? (
            <Badge tone="success">{t('list.managed')}</Badge>
          ) : (
            <span className="flex flex-col items-start gap-0.5">
              <Badge tone="warning">{t('list.unmanaged')}</Badge>
              <span className="text-xs text-slate-600">{t('list.unmanagedHint')}</span>
            </span>
          ),
      },
      ...(canManage
        ? [
            {
              id: 'actions',
              header: () => <span className="sr-only">{t('list.actions')}</span>,
              enableSorting: false,
              cell: ({ row }) =>
                editable(row.original) ? (
                  <RowActionsMenu
                    name={row.original.username}
                    label={t('list.actionsFor', { name: row.original.username })}
                    entries={menuOf(row.original)}
                  />
                ) : null,
            } satisfies DataTableColumn<Member>,
          ]
        : []),
    ];
  }, [t, roles, format, canManage, currentUser, ask]);

  if (members.isError && isApiError(members.error, 'Forbidden')) {
    return <MembersForbidden project={project} />;
  }
  if (members.isError && !members.data) {
    return (
      <ErrorState
        title={t('loadFailed', { project })}
        message={members.error.message}
        onRetry={() => void members.refetch()}
        retrying={members.isFetching}
      />
    );
  }

  if (members.isPending) {
    return (
      <SkeletonRegion>
        <SkeletonTable columns={4} />
      </SkeletonRegion>
    );
  }

  const self = pending?.member.kind === 'User' && pending.member.username === currentUser;
  const afterChange = () => {
    // Your own role decides what this page may show you: ask the server again.
    if (self) router.refresh();
  };

  return (
    <>
      <DataTable
        label={t('list.label', { project })}
        columns={columns}
        data={members.data?.items ?? []}
        getRowId={(member) => `${member.kind}/${member.username}`}
        filterable
        toolbar={canManage ? <InviteMemberDialog project={project} /> : undefined}
        empty={
          <EmptyState
            title={t('list.empty')}
            description={canManage ? t('list.emptyManage') : t('list.emptyReadOnly')}
          />
        }
      />
      {pending?.kind === 'role' ? (
        <ConfirmDialog
          key={confirmKey}
          open
          onOpenChange={handleConfirmOpenChange}
          title={t('changeRole.title', { name: pending.member.username })}
          description={
            <div className="flex flex-col gap-2">
              <p>
                {t('changeRole.description', {
                  name: pending.member.username,
                  role: roles(pending.role),
                  project,
                })}
              </p>
              <p>{t(`roleAllows.${pending.role}`)}</p>
              {projectRoles.indexOf(pending.role) < projectRoles.indexOf(pending.member.role) ? (
                <p>{t('changeRole.lessAccess', { current: roles(pending.member.role) })}</p>
              ) : null}
              {self ? <p className="font-medium text-amber-900">{t('changeRole.self')}</p> : null}
            </div>
          }
          confirmLabel={t('changeRole.confirm')}
          onConfirm={async () => {
            const { member, role } = pending;
            await changeRole.mutateAsync({ username: member.username, role });
            toast.show({
              title: t('changeRole.changed', { name: member.username, role: roles(role), project }),
              tone: 'success',
            });
            afterChange();
          }}
        />
      ) : null}
      {pending?.kind === 'remove' ? (
        <ConfirmDialog
          key={confirmKey}
          open
          onOpenChange={handleConfirmOpenChange}
          variant="danger"
          title={t('remove.title', { name: pending.member.username, project })}
          description={
            <div className="flex flex-col gap-2">
              <p>
                {t('remove.description', {
                  name: pending.member.username,
                  role: roles(pending.member.role),
                  project,
                })}
              </p>
              {self ? <p className="font-medium text-red-800">{t('remove.self')}</p> : null}
            </div>
          }
          confirmLabel={t('remove.confirm')}
          onConfirm={async () => {
            const { member } = pending;
            await remove.mutateAsync(member.username);
            toast.show({
              title: t('remove.removed', { name: member.username, project }),
              tone: 'success',
            });
            afterChange();
          }}
        />
      ) : null}
    </>
  );
}
