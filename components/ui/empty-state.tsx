import type { ReactNode } from 'react';
import { cx } from './class-names';

export interface EmptyStateProps {
  title: ReactNode;
  /** What would be here and how to get it ("Invite a member to share this project."). */
  description?: ReactNode;
  /** The action that fills it (a primary Button), if the user may take it. */
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
}

/**
 * What a list or a page shows when there is nothing yet: no release jobs, no members. Says why
 * it is empty and offers the next step; inside a DataTable pass it as `empty`.
 */
export function EmptyState({ title, description, action, icon, className }: EmptyStateProps) {
  return (
    <div className={cx('flex flex-col items-center px-6 py-10 text-center', className)}>
      <div aria-hidden="true" className="mb-3 text-slate-400">
        {icon ?? <EmptyIcon />}
      </div>
      <p className="text-base font-medium text-slate-900">{title}</p>
      {description ? <p className="mt-1 max-w-md text-sm text-slate-600">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}

function EmptyIcon() {
  return (
    <svg viewBox="0 0 48 48" className="size-12" fill="none" stroke="currentColor" strokeWidth="2">
      <rect x="8" y="12" width="32" height="26" rx="3" />
      <path d="M8 20h32M16 28h16" strokeLinecap="round" />
    </svg>
  );
}
