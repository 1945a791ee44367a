'use client';

import type { ReactNode } from 'react';
import { useTranslations } from '@/components/i18n/translations';
import { cx } from './class-names';

/** A grey block where content will appear; size it with classes (`h-4 w-40`). */
export function Skeleton({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cx('block animate-pulse rounded bg-slate-200', className)}
    />
  );
}

/**
 * The frame of a loading page (`loading.tsx`): lay out Skeletons the way the real page lays out
 * its content, inside this region, which says "Loading…" to screen readers and is aria-busy.
 */
export function SkeletonRegion({
  children,
  className,
}: {
  children: ReactNode;
  className?: string;
}) {
  const t = useTranslations('ui');
  return (
    <div role="status" aria-busy="true" className={className}>
      <span className="sr-only">{t('loading')}</span>
      {children}
    </div>
  );
}

/** Placeholder rows of a table while it loads. */
export function SkeletonTable({ rows = 5, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <div aria-hidden="true" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex gap-6 border-b border-slate-200 bg-slate-50 px-3 py-3">
        {Array.from({ length: columns }, (_, column) => (
          <Skeleton key={column} className="h-3 flex-1" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="flex gap-6 border-b border-slate-100 px-3 py-3.5 last:border-b-0">
          {Array.from({ length: columns }, (_, column) => (
            <Skeleton key={column} className={cx('h-3 flex-1', column === 0 && 'max-w-40')} />
          ))}
        </div>
      ))}
    </div>
  );
}
