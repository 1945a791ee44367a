'use client';

import { AlertDialog } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { useTranslations } from '@/components/i18n/translations';
import { Button } from './button';

/** Where a confirmation stands: waiting for the user, running the action, or failed with a message. */
export type ConfirmState =
  { status: 'idle' } | { status: 'busy' } | { status: 'failed'; message: string };

/** The words of a failure as a person reads them: an Error's message, else the thrown value. */
export function failureMessage(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  return String(error);
}

/**
 * Runs `action` as the confirm button does: busy while it runs, then `closed` on success or the
 * failure's message (the dialog stays open so the user can read it, retry or cancel).
 */
export async function runConfirmedAction(
  action: () => unknown,
  onState: (state: ConfirmState) => void,
): Promise<'closed' | 'failed'> {
  onState({ status: 'busy' });
  try {
    await action();
    onState({ status: 'idle' });
    return 'closed';
  } catch (error) {
    onState({ status: 'failed', message: failureMessage(error) });
    return 'failed';
  }
}

export interface ConfirmDialogProps {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The button that asks for confirmation (rendered as the trigger itself). */
  trigger?: ReactNode;
  title: ReactNode;
  /** What will happen, in concrete words: "Pods of reviews-v2 restart; traffic keeps flowing." */
  description: ReactNode;
  /** The verb of the action ("Roll back", "Delete"), never just "OK". */
  confirmLabel: string;
  /** `danger` for something that destroys or interrupts. */
  variant?: 'primary' | 'danger';
  /** The action; the dialog stays busy until it settles and shows what it threw. */
  onConfirm: () => unknown;
}

/**
 * Asks before an action that changes something that matters (rollback, offline, delete,
 * governance off). While the action runs the dialog shows it is busy and cannot be dismissed;
 * if the action throws, its message is shown inside and the dialog stays open.
 */
export function ConfirmDialog({
  open: openProp,
  onOpenChange,
  trigger,
  title,
  description,
  confirmLabel,
  variant = 'primary',
  onConfirm,
}: ConfirmDialogProps) {
  const t = useTranslations('ui');
  const [openState, setOpenState] = useState(false);
  const [state, setState] = useState<ConfirmState>({ status: 'idle' });
  const open = openProp ?? openState;
  const busy = state.status === 'busy';

  function setOpen(next: boolean) {
    if (!next && busy) return;
    if (next) setState({ status: 'idle' });
    setOpenState(next);
    onOpenChange?.(next);
  }

  async function handleConfirm(event: { preventDefault(): void }) {
    // Radix closes on Action; the dialog closes itself once the action has succeeded instead.
    event.preventDefault();
    if ((await runConfirmedAction(onConfirm, setState)) === 'closed') {
      setOpenState(false);
      onOpenChange?.(false);
    }
  }

  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content
          aria-busy={busy || undefined}
          onEscapeKeyDown={(event) => {
            if (busy) event.preventDefault();
          }}
          className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl focus:outline-none"
        >
          <AlertDialog.Title className="text-base font-semibold text-slate-900">
            {title}
          </AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 text-sm text-slate-700">{description}</div>
          </AlertDialog.Description>
          {state.status === 'failed' ? (
            <p
              role="alert"
              className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
            >
              {state.message}
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button disabled={busy}>{t('cancel')}</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={variant} loading={busy} onClick={handleConfirm}>
                {busy ? t('working') : state.status === 'failed' ? t('retry') : confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
