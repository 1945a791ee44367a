'use client';

import { Toast as ToastPrimitive } from 'radix-ui';
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useTranslations } from '@/components/i18n/translations';
import { cx, focusRing } from './class-names';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastInput {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds before it goes by itself; errors stay twice as long by default. */
  duration?: number;
}

export interface ToastMessage extends Required<Omit<ToastInput, 'description'>> {
  id: number;
  description?: string;
}

/** At most this many toasts show at once; older ones make way. */
export const toastLimit = 3;

/**
 * The queue after `toast` arrives: the same message (title, text and tone) again replaces the
 * earlier one instead of stacking, and the oldest go beyond `limit`.
 */
export function enqueueToast(
  queue: ReadonlyArray<ToastMessage>,
  toast: ToastMessage,
  limit = toastLimit,
): ToastMessage[] {
  const others = queue.filter(
    (item) =>
      !(
        item.title === toast.title &&
        item.description === toast.description &&
        item.tone === toast.tone
      ),
  );
  return [...others, toast].slice(-limit);
}

/** The defaults a toast gets: info, 5 s (10 s for an error, which takes longer to read). */
export function toToastMessage(input: ToastInput, id: number): ToastMessage {
  const tone = input.tone ?? 'info';
  return {
    id,
    title: input.title,
    description: input.description,
    tone,
    duration: input.duration ?? (tone === 'error' ? 10_000 : 5_000),
  };
}

interface ToastApi {
  /** Shows a toast; returns its id for `dismiss`. */
  show(input: ToastInput): number;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** `const toast = useToast(); toast.show({ title: 'Invited project-regular', tone: 'success' })`. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast() needs a ToastProvider above it (components/providers.tsx)');
  return api;
}

const tones: Record<ToastTone, string> = {
  info: 'border-l-sky-600',
  success: 'border-l-emerald-600',
  error: 'border-l-red-600',
};

/**
 * Short news about something the user did or that happened meanwhile ("Release job created").
 * Screen readers hear each toast through Radix's status announcement (errors assertively); F8
 * moves focus to them. Not for anything the user must act on: use a Banner or a dialog.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations('ui');
  const [queue, setQueue] = useState<ToastMessage[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setQueue((current) => current.filter((item) => item.id !== id));
  }, []);
  const show = useCallback((input: ToastInput) => {
    const id = nextId.current++;
    setQueue((current) => enqueueToast(current, toToastMessage(input, id)));
    return id;
  }, []);
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      <ToastPrimitive.Provider label={t('notifications')}>
        {children}
        {queue.map((toast) => (
          <ToastPrimitive.Root
            key={toast.id}
            duration={toast.duration}
            type={toast.tone === 'error' ? 'foreground' : 'background'}
            onOpenChange={(open) => {
              if (!open) dismiss(toast.id);
            }}
            className={cx(
              'flex items-start gap-3 rounded-md border border-l-4 border-slate-200 bg-white p-3 shadow-lg',
              tones[toast.tone],
            )}
          >
            <div className="flex-1">
              <ToastPrimitive.Title className="text-sm font-medium text-slate-900">
                {toast.title}
              </ToastPrimitive.Title>
              {toast.description ? (
                <ToastPrimitive.Description className="mt-0.5 text-sm text-slate-600">
                  {toast.description}
                </ToastPrimitive.Description>
              ) : null}
            </div>
            <ToastPrimitive.Close
              aria-label={t('dismiss')}
              className={cx('rounded px-1 text-slate-500 hover:text-slate-900', focusRing)}
            >
              <span aria-hidden="true">×</span>
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport
          label={`${t('notifications')} ({hotkey})`}
          className="fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2 outline-none"
        />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}
