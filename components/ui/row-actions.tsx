'use client';

import { useCallback, useRef, useState } from 'react';
import { IconButton } from './button';
import { DropdownMenu, type MenuEntry } from './dropdown-menu';

/**
 * A table row's "more" menu: one button named for the row, its actions behind it. The button
 * carries `data-row-menu`, which `focusRowMenu` finds again once a dialog opened from it closes.
 */
export function RowActionsMenu({
  name,
  label,
  entries,
}: {
  /** The row's name (a username), unique in the table. */
  name: string;
  /** The button's accessible name: "Actions for alice". */
  label: string;
  entries: ReadonlyArray<MenuEntry>;
}) {
  return (
    <div className="flex justify-end">
      <DropdownMenu
        trigger={<IconButton data-row-menu={name} label={label} icon={<MoreIcon />} />}
        entries={entries}
      />
    </div>
  );
}

/**
 * Puts focus back on a row's menu button once its dialog has closed: Radix returns focus only to
 * a dialog's own trigger, and these dialogs open from a menu (a removed row leaves it on the page).
 */
export function focusRowMenu(name: string) {
  setTimeout(() =>
    document.querySelector<HTMLElement>(`[data-row-menu="${CSS.escape(name)}"]`)?.focus(),
  );
}

/**
 * The action a row's menu asked to confirm, for a `ConfirmDialog` rendered while it is pending:
 * `ask` opens a fresh dialog per question (keyed by `confirmKey`, so an earlier failure is not
 * shown again), and `handleConfirmOpenChange` forgets the action when the dialog closes and
 * returns focus to the row's menu, unless `handFocusOn` said another dialog takes it.
 */
export function useRowConfirm<Action>(rowName: (action: Action) => string) {
  const [pending, setPending] = useState<Action | null>(null);
  const [confirmKey, setConfirmKey] = useState(0);
  const focusHandedOn = useRef(false);
  const ask = useCallback((action: Action) => {
    setPending(action);
    setConfirmKey((key) => key + 1);
  }, []);
  const handleConfirmOpenChange = (open: boolean) => {
    if (open) return;
    if (pending && !focusHandedOn.current) focusRowMenu(rowName(pending));
    focusHandedOn.current = false;
    setPending(null);
  };
  /** Call when the confirmed action opens a dialog of its own, which returns focus when done. */
  const handFocusOn = () => {
    focusHandedOn.current = true;
  };
  return { pending, confirmKey, ask, handleConfirmOpenChange, handFocusOn };
}

function MoreIcon() {
  return (
    <svg viewBox="0 0 16 16" className="size-4" fill="currentColor">
      <circle cx="3" cy="8" r="1.5" />
      <circle cx="8" cy="8" r="1.5" />
      <circle cx="13" cy="8" r="1.5" />
    </svg>
  );
}
