'use client';

import type { ReactNode } from 'react';
import { useTranslations } from '@/components/i18n/translations';
import { Button } from './button';
import { cx } from './class-names';

export interface ErrorStateProps {
  /** Defaults to "Something went wrong". */
  title?: ReactNode;
  /** What failed, in the words of the API's error ("You may not list pods in demo-project"). */
  message: ReactNode;
  /** Offers a Retry button; it shows as busy while `retrying`. */
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
}

/**
 * Where content failed to load: the failure in words and, when trying again can help, a Retry
 * button. Announced as an alert. For the whole console (API server unreachable) use a Banner.
 */
export function ErrorState({ title, message, onRetry, retrying, className }: ErrorStateProps) {
  const t = useTranslations('ui');
  return (
    <div
      role="alert"
      className={cx(
        'flex flex-col items-center rounded-lg border border-red-200 bg-red-50/50 px-6 py-8 text-center',
        className,
      )}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="mb-2 size-8 text-red-600" fill="none">
        <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="1.8" />
        <path d="M12 7v6M12 16.5v.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <p className="text-base font-medium text-red-900">{title ?? t('error.title')}</p>
      <p className="mt-1 max-w-lg text-sm text-red-800">{message}</p>
      {onRetry ? (
        <Button className="mt-4" onClick={onRetry} loading={retrying}>
          {t('retry')}
        </Button>
      ) : null}
    </div>
  );
}
