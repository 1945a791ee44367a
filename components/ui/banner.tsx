'use client';

import type { ReactNode } from 'react';
import { useTranslations } from '@/components/i18n/translations';
import { cx, focusRing } from './class-names';

export type BannerTone = 'info' | 'warning' | 'error';

const tones: Record<BannerTone, { box: string; icon: string }> = {
  info: { box: 'border-sky-200 bg-sky-50 text-sky-900', icon: 'text-sky-700' },
  warning: { box: 'border-amber-300 bg-amber-50 text-amber-950', icon: 'text-amber-700' },
  error: { box: 'border-red-300 bg-red-50 text-red-900', icon: 'text-red-700' },
};

export interface BannerProps {
  tone?: BannerTone;
  title: ReactNode;
  children?: ReactNode;
  /** A control at the right (Retry now, Sign in again). */
  action?: ReactNode;
  /** Shows a dismiss button; leave it out for a state that lasts until it is resolved. */
  onDismiss?: () => void;
}

/**
 * A state of the whole console or page that the user should know while working: "The API
 * server is unreachable; retrying in 8 s", "You can view this project but not change it". An
 * error is announced as an alert, the others as status.
 */
export function Banner({ tone = 'info', title, children, action, onDismiss }: BannerProps) {
  const t = useTranslations('ui');
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cx('flex items-start gap-3 rounded-md border px-4 py-3 text-sm', tones[tone].box)}
    >
      <BannerIcon tone={tone} className={tones[tone].icon} />
      <div className="flex-1">
        <p className="font-medium">{title}</p>
        {children ? <div className="mt-0.5">{children}</div> : null}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          aria-label={t('dismiss')}
          className={cx('shrink-0 rounded px-1 opacity-70 hover:opacity-100', focusRing)}
        >
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  );
}

function BannerIcon({ tone, className }: { tone: BannerTone; className: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className={cx('mt-0.5 size-4 shrink-0', className)}
      fill="currentColor"
    >
      {tone === 'info' ? (
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm1 12H9V9h2v5zm0-7H9V5h2v2z" />
      ) : (
        <path d="M10 2 1 18h18L10 2zm1 13H9v-2h2v2zm0-4H9V7h2v4z" />
      )}
    </svg>
  );
}
