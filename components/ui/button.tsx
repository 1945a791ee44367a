'use client';

import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { cx, focusRing } from './class-names';

/** `inverse` is a ghost button on a dark surface (the header, a code block). */
export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost' | 'inverse';
export type ButtonSize = 'sm' | 'md';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-emerald-700 text-white hover:bg-emerald-800 disabled:bg-emerald-700/60',
  secondary:
    'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:text-slate-500',
  danger: 'bg-red-700 text-white hover:bg-red-800 disabled:bg-red-700/60',
  ghost: 'text-slate-700 hover:bg-slate-100 disabled:text-slate-500',
  inverse: 'text-slate-100 hover:bg-slate-700 hover:text-white disabled:text-slate-400',
};

const sizes: Record<ButtonSize, string> = {
  sm: 'h-8 gap-1.5 px-2.5 text-sm',
  md: 'h-9 gap-2 px-4 text-sm',
};

/**
 * The classes of a button, for a `Link` or a Radix trigger that must look like one without
 * being a `<button>` itself.
 */
export function buttonClassName(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md') {
  return cx(
    'inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed',
    focusRing,
    variants[variant],
    sizes[size],
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** `primary` for the one main action of a view, `danger` for destructive ones. */
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, disables the button and tells assistive technology it is busy. */
  loading?: boolean;
  /** An icon before the label (decorative: it is hidden from screen readers). */
  icon?: ReactNode;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * Every clickable action that is not navigation (use a `Link` with `buttonClassName` for that).
 * `type` defaults to `button`, so a button inside a form submits only when asked to.
 */
export function Button({
  variant = 'secondary',
  size = 'md',
  loading = false,
  icon,
  disabled,
  className,
  children,
  type = 'button',
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={cx(buttonClassName(variant, size), className)}
      {...props}
    >
      {loading ? <Spinner /> : icon ? <span aria-hidden="true">{icon}</span> : null}
      {children}
    </button>
  );
}

/** A small turning circle; its meaning is said in words by the part that shows it. */
export function Spinner({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cx(
        'inline-block size-4 animate-spin rounded-full border-2 border-current border-r-transparent',
        className,
      )}
    />
  );
}

/** A square button showing only an icon; `label` is its accessible name and its tooltip text. */
export function IconButton({
  label,
  icon,
  variant = 'ghost',
  size = 'sm',
  className,
  ...props
}: Omit<ButtonProps, 'children' | 'icon'> & { label: string; icon: ReactNode }) {
  return (
    <Button
      variant={variant}
      size={size}
      aria-label={label}
      title={label}
      className={cx(size === 'sm' ? 'w-8 px-0' : 'w-9 px-0', className)}
      {...props}
    >
      <span aria-hidden="true">{icon}</span>
    </Button>
  );
}
