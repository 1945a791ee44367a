'use client';

import { Progress } from 'radix-ui';
import { useId } from 'react';
import { useTranslations } from '@/components/i18n/translations';
import { cx } from './class-names';

/** `value` as a share of `max` between 0 and 1 (0 for a range that is empty or not a number). */
export function progressFraction(value: number, max: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(max) || max <= 0) return 0;
  return Math.min(1, Math.max(0, value / max));
}

export interface ProgressBarProps {
  /** What is progressing ("Pods with a sidecar"), shown above the bar and its accessible name. */
  label: string;
  /** Leave it out (null) while the amount is not known yet: the bar shows indeterminate. */
  value: number | null;
  max?: number;
  /** The value in words ("3 of 5 pods"); defaults to the percentage. */
  valueText?: string;
  tone?: 'default' | 'success' | 'danger';
}

const tones = { default: 'bg-emerald-600', success: 'bg-emerald-700', danger: 'bg-red-600' };

/**
 * How far something that takes a while has come: pods restarted with a sidecar, a release's
 * steps. `role="progressbar"` with aria-valuenow, aria-valuemax and aria-valuetext.
 */
export function ProgressBar({
  label,
  value,
  max = 100,
  valueText,
  tone = 'default',
}: ProgressBarProps) {
  const t = useTranslations('ui.progress');
  const id = useId();
  const fraction = value === null ? null : progressFraction(value, max);
  const text = fraction === null ? undefined : (valueText ?? t('value', { value: fraction }));
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-4 text-sm">
        <span id={id} className="font-medium text-slate-800">
          {label}
        </span>
        {text ? <span className="text-slate-600 tabular-nums">{text}</span> : null}
      </div>
      <Progress.Root
        aria-labelledby={id}
        value={value === null ? null : Math.min(Math.max(value, 0), max)}
        max={max}
        getValueLabel={() => text ?? ''}
        className="relative h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <Progress.Indicator
          className={cx(
            'h-full transition-[width] duration-300',
            tones[tone],
            fraction === null && 'w-1/3 animate-pulse',
          )}
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </Progress.Root>
    </div>
  );
}
