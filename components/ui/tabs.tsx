'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Tabs as TabsPrimitive } from 'radix-ui';
import { useCallback, type ReactNode } from 'react';
import { cx, focusRing } from './class-names';

export interface TabItem<Value extends string> {
  value: Value;
  label: ReactNode;
  /** The panel; leave it out when the page renders the selected panel itself. */
  content?: ReactNode;
  disabled?: boolean;
}

export interface TabsProps<Value extends string> {
  /** The selected tab: controlled, so a page can keep it in the URL (`useTabInUrl`). */
  value: Value;
  onValueChange: (value: Value) => void;
  items: ReadonlyArray<TabItem<Value>>;
  /** Names the tab list for screen readers ("Release job details"). */
  label: string;
  children?: ReactNode;
}

/**
 * Views of one thing side by side (a release job's overview, traffic, events, YAML). Arrow keys
 * move between tabs. Panels given as `content` are rendered by the tabs; `children` appear under
 * the list for pages that render the selected panel themselves.
 */
export function Tabs<Value extends string>({
  value,
  onValueChange,
  items,
  label,
  children,
}: TabsProps<Value>) {
  return (
    <TabsPrimitive.Root value={value} onValueChange={(next) => onValueChange(next as Value)}>
      <TabsPrimitive.List aria-label={label} className="flex gap-1 border-b border-slate-200">
        {items.map((item) => (
          <TabsPrimitive.Trigger
            key={item.value}
            value={item.value}
            disabled={item.disabled}
            className={cx(
              '-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 disabled:text-slate-400 data-[state=active]:border-emerald-600 data-[state=active]:font-medium data-[state=active]:text-emerald-800',
              focusRing,
            )}
          >
            {item.label}
          </TabsPrimitive.Trigger>
        ))}
      </TabsPrimitive.List>
      {items.map((item) =>
        item.content === undefined ? null : (
          <TabsPrimitive.Content
            key={item.value}
            value={item.value}
            className={cx('pt-4', focusRing)}
          >
            {item.content}
          </TabsPrimitive.Content>
        ),
      )}
      {children}
    </TabsPrimitive.Root>
  );
}

/** The tab a search parameter names, or `fallback` when it names none of `values`. */
export function pickTab<Value extends string>(
  raw: string | null | undefined,
  values: ReadonlyArray<Value>,
  fallback: Value,
): Value {
  return values.find((value) => value === raw) ?? fallback;
}

/** `search` with `name` set to `value`, or removed when `value` is the default. */
export function withSearchParam(
  search: string,
  name: string,
  value: string,
  defaultValue: string,
): string {
  const params = new URLSearchParams(search);
  if (value === defaultValue) params.delete(name);
  else params.set(name, value);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/**
 * Keeps a tab in the address (`?tab=events`), so a reload or a shared link opens it; replaces
 * the history entry rather than adding one per click. Needs a Suspense boundary above it, as
 * every `useSearchParams` does.
 */
export function useTabInUrl<Value extends string>(
  values: ReadonlyArray<Value>,
  fallback: Value,
  param = 'tab',
): [Value, (value: Value) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const value = pickTab(searchParams.get(param), values, fallback);
  const setValue = useCallback(
    (next: Value) => {
      const query = withSearchParam(searchParams.toString(), param, next, fallback);
      router.replace(`${pathname}${query}`, { scroll: false });
    },
    [searchParams, param, fallback, router, pathname],
  );
  return [value, setValue];
}
