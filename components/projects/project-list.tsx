'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import type { ProjectSummary } from '@/lib/domain/projects';
import { useProjects } from '@/lib/client/projects';
import { useFormatter, useTranslations } from '../i18n/translations';
import { Badge, type BadgeTone } from '../ui/badge';
import { DataTable, type DataTableColumn } from '../ui/data-table';
import { EmptyState } from '../ui/empty-state';
import { CreateProjectDialog } from './create-project-dialog';

const governanceTone: Record<ProjectSummary['governance'], BadgeTone> = {
  on: 'success',
  off: 'neutral',
  partial: 'warning',
  none: 'neutral',
};

/** The projects the person may see, with their role, members, release jobs and governance. */
export function ProjectList({
  initial,
  canCreate,
}: {
  initial: ProjectSummary[];
  canCreate: boolean;
}) {
  const t = useTranslations('projects.list');
  const g = useTranslations('governance.state');
  const roles = useTranslations('members.roles');
  const format = useFormatter();
  const projects = useProjects();
  const items = projects.data?.items ?? initial;
  const columns = useMemo<DataTableColumn<ProjectSummary>[]>(
    () => [
      {
        accessorKey: 'name',
        header: t('name'),
        cell: ({ row }) => (
          <div className="flex flex-col">
            <Link
              className="font-medium text-emerald-800 hover:underline"
              href={`/projects/${encodeURIComponent(row.original.name)}`}
            >
              {row.original.name}
            </Link>
            {row.original.description ? (
              <span className="text-xs text-slate-500">{row.original.description}</span>
            ) : null}
          </div>
        ),
      },
      {
        accessorKey: 'role',
        header: t('role'),
        cell: ({ row }) => (row.original.role ? roles(row.original.role) : t('noRole')),
      },
      { accessorKey: 'members', header: t('members') },
      { accessorKey: 'applications', header: t('applications') },
      { accessorKey: 'releaseJobs', header: t('releaseJobs') },
      {
        accessorKey: 'governance',
        header: t('governance'),
        cell: ({ row }) => (
          <Badge tone={governanceTone[row.original.governance]} dot>
            {g(row.original.governance)}
          </Badge>
        ),
      },
      {
        accessorKey: 'createdAt',
        header: t('created'),
        cell: ({ row }) =>
          row.original.phase === 'Terminating' ? (
            <Badge tone="warning">{t('terminating')}</Badge>
          ) : row.original.createdAt ? (
            format.dateTime(new Date(row.original.createdAt), {
              dateStyle: 'medium',
              timeStyle: 'short',
            })
          ) : (
            ''
          ),
      },
    ],
    [t, g, roles, format],
  );
  return (
    <DataTable
      label={t('label')}
      columns={columns}
      data={items}
      getRowId={(row) => row.name}
      filterable
      toolbar={canCreate ? <CreateProjectDialog /> : undefined}
      empty={
        <EmptyState
          title={canCreate ? t('emptyAdmin') : t('empty')}
          description={canCreate ? undefined : t('emptyHint')}
        />
      }
    />
  );
}
