'use client';

import { DropdownMenu as MenuPrimitive } from 'radix-ui';
import type { ReactNode } from 'react';
import { cx } from './class-names';

/** One entry of a menu: an action, or a line between groups of them. */
export type MenuEntry =
  | {
      label: ReactNode;
      onSelect: () => void;
      disabled?: boolean;
      /** Red, for actions that destroy (they should still ask with a ConfirmDialog). */
      danger?: boolean;
      icon?: ReactNode;
      /** Stable key; defaults to the label when that is a string. */
      key?: string;
    }
  | 'separator';

export interface DropdownMenuProps {
  /** The element that opens the menu (a `Button` or `IconButton`), rendered as the trigger. */
  trigger: ReactNode;
  entries: ReadonlyArray<MenuEntry>;
  /** A heading inside the menu (the user's name, the project's). */
  heading?: ReactNode;
  align?: 'start' | 'end';
}

/**
 * A short list of actions behind one button: a row's "more" menu, the user menu. Arrow keys
 * move, Enter selects, Escape closes; for choosing a value in a form use `Select`.
 */
export function DropdownMenu({ trigger, entries, heading, align = 'end' }: DropdownMenuProps) {
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while its controls stay
    // focusable, which axe reports; focus still moves into the menu and Escape returns it.
    <MenuPrimitive.Root modal={false}>
      <MenuPrimitive.Trigger asChild>{trigger}</MenuPrimitive.Trigger>
      {/* In place rather than in a portal at the end of <body>, so the menu stays inside the
          page's landmarks (axe's region rule); it is positioned fixed, so no overflow clips it. */}
      <MenuPrimitive.Content
        align={align}
        sideOffset={4}
        className="z-50 min-w-44 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg"
      >
        {heading ? (
          <MenuPrimitive.Label className="px-2 py-1.5 text-xs font-medium text-slate-500">
            {heading}
          </MenuPrimitive.Label>
        ) : null}
        {entries.map((entry, index) =>
          entry === 'separator' ? (
            <MenuPrimitive.Separator
              key={`separator-${index}`}
              className="my-1 h-px bg-slate-200"
            />
          ) : (
            <MenuPrimitive.Item
              key={entry.key ?? (typeof entry.label === 'string' ? entry.label : index)}
              disabled={entry.disabled}
              onSelect={entry.onSelect}
              className={cx(
                'flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none select-none data-[disabled]:text-slate-400 data-[highlighted]:bg-slate-100',
                entry.danger ? 'text-red-700 data-[highlighted]:bg-red-50' : 'text-slate-800',
              )}
            >
              {entry.icon ? <span aria-hidden="true">{entry.icon}</span> : null}
              {entry.label}
            </MenuPrimitive.Item>
          ),
        )}
      </MenuPrimitive.Content>
    </MenuPrimitive.Root>
  );
}
