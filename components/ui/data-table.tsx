'use client';

import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type FilterFn,
  type SortDirection,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslations } from '@/components/i18n/translations';
import { cx, focusRing } from './class-names';

export { createColumnHelper } from '@tanstack/react-table';

/**
 * A column of a DataTable, as TanStack Table defines it (`createColumnHelper<Row>()` builds
 * them typed). The value type is left open as TanStack's own examples do: a helper's columns
 * carry different value types, which no narrower array type accepts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataTableColumn<Row> = ColumnDef<Row, any>;

/** Above this many rows a table renders only the rows in view. */
export const defaultVirtualizeAbove = 100;

/** What a cell's value reads as for the text filter: strings, numbers and lists of them. */
export function filterableText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (Array.isArray(value)) return value.map(filterableText).join(' ');
  return '';
}

/** Whether `value` contains `query`, ignoring case and surrounding blanks (an empty query matches). */
export function matchesFilter(value: unknown, query: string): boolean {
  const needle = query.trim().toLocaleLowerCase();
  return needle === '' || filterableText(value).toLocaleLowerCase().includes(needle);
}

/** The `aria-sort` of a sortable column header. */
export function ariaSort(direction: SortDirection | false): 'ascending' | 'descending' | 'none' {
  return direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
}

/** The heights of the empty rows above and below the rendered window of a virtual list. */
export function virtualPadding(
  items: ReadonlyArray<Pick<VirtualItem, 'start' | 'end'>>,
  totalSize: number,
): { top: number; bottom: number } {
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return { top: 0, bottom: 0 };
  return { top: first.start, bottom: Math.max(0, totalSize - last.end) };
}

const textFilter: FilterFn<unknown> = (row, columnId, query: string) =>
  matchesFilter(row.getValue(columnId), query);

export interface DataTableProps<Row> {
  columns: ReadonlyArray<DataTableColumn<Row>>;
  data: ReadonlyArray<Row>;
  /** Names the table (its caption, read by screen readers; shown when `showCaption`). */
  label: string;
  showCaption?: boolean;
  /** A stable id per row (a Kubernetes object's uid or name), so rows keep state across updates. */
  getRowId?: (row: Row, index: number) => string;
  /** Shows a text filter over every column; `filter`/`onFilterChange` control it (for the URL). */
  filterable?: boolean;
  filter?: string;
  onFilterChange?: (filter: string) => void;
  /** What an empty table shows (an `EmptyState` saying how to create the first one). */
  empty?: ReactNode;
  initialSorting?: SortingState;
  /** Row count above which only visible rows are rendered (default 100). */
  virtualizeAbove?: number;
  /** Height of the scrolling area once virtualised, in pixels. */
  virtualHeight?: number;
  /** Actions to the right of the filter (a "Create" button). */
  toolbar?: ReactNode;
}

/**
 * Lists of objects: projects, members, accounts, release jobs. Sortable headers (click or
 * Enter; `aria-sort` says the order), an optional text filter over all columns, an empty-row
 * slot, and rendering of only the visible rows above `virtualizeAbove` rows. Columns that
 * should not sort set `enableSorting: false`.
 */
export function DataTable<Row>({
  columns,
  data,
  label,
  showCaption = false,
  getRowId,
  filterable = false,
  filter: filterProp,
  onFilterChange,
  empty,
  initialSorting = [],
  virtualizeAbove = defaultVirtualizeAbove,
  virtualHeight = 480,
  toolbar,
}: DataTableProps<Row>) {
  const t = useTranslations('ui.table');
  const filterId = useId();
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [filterState, setFilterState] = useState('');
  const filter = filterProp ?? filterState;

  // TanStack Table hands out new functions each render, which the React Compiler cannot memoise;
  // the console does not run the compiler, and this table re-renders on its own state anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<Row>({
    data: data as Row[],
    columns: columns as Array<DataTableColumn<Row>>,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    // TanStack passes a value or, from its reset helpers, an updater function.
    onGlobalFilterChange: (update: string | ((previous: string) => string)) => {
      const next = typeof update === 'function' ? update(filter) : update;
      setFilterState(next ?? '');
      onFilterChange?.(next ?? '');
    },
    globalFilterFn: textFilter as FilterFn<Row>,
    getColumnCanGlobalFilter: () => true,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });

  const rows = table.getRowModel().rows;
  const virtual = rows.length > virtualizeAbove;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 41,
    overscan: 12,
    // Without a window yet (the server render), render the rows the first screen shows.
    initialRect: { width: 0, height: virtualHeight },
  });
  const windowItems = virtual ? virtualizer.getVirtualItems() : [];
  const padding = virtualPadding(windowItems, virtualizer.getTotalSize());
  const visibleRows = virtual
    ? windowItems.flatMap((item) => (rows[item.index] ? [{ row: rows[item.index]!, item }] : []))
    : rows.map((row) => ({ row, item: undefined }));
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      {filterable || toolbar ? (
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-2">
          {filterable ? (
            <>
              <label htmlFor={filterId} className="sr-only">
                {t('filter')}
              </label>
              <input
                id={filterId}
                type="search"
                value={filter}
                placeholder={t('filterPlaceholder')}
                onChange={(event) => table.setGlobalFilter(event.target.value)}
                className={cx(
                  'h-8 w-64 rounded-md border border-slate-300 px-2 text-sm placeholder:text-slate-500',
                  focusRing,
                )}
              />
              <span aria-live="polite" className="text-xs text-slate-600">
                {filter.trim() === ''
                  ? t('rowCount', { count: data.length })
                  : t('filteredCount', { shown: rows.length, count: data.length })}
              </span>
            </>
          ) : null}
          {toolbar ? <div className="ml-auto flex items-center gap-2">{toolbar}</div> : null}
        </div>
      ) : null}
      <div
        ref={scrollRef}
        className={virtual ? 'overflow-auto' : 'overflow-x-auto'}
        style={virtual ? { maxHeight: virtualHeight } : undefined}
        {...(virtual ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
      >
        <table
          className="w-full border-collapse text-left text-sm"
          aria-rowcount={virtual ? rows.length + 1 : undefined}
        >
          <caption className={showCaption ? 'px-3 py-2 text-left font-medium' : 'sr-only'}>
            {label}
          </caption>
          <thead className={cx('bg-slate-50 text-slate-600', virtual && 'sticky top-0 z-10')}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={virtual ? 1 : undefined}>
                {group.headers.map((header) => {
                  const sortable = header.column.getCanSort();
                  const direction = header.column.getIsSorted();
                  const content = header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sortable ? ariaSort(direction) : undefined}
                      className="border-b border-slate-200 px-3 py-2 font-medium whitespace-nowrap"
                    >
                      {sortable ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className={cx(
                            '-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-slate-900',
                            focusRing,
                          )}
                        >
                          {content}
                          <SortIcon direction={direction} />
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padding.top > 0 ? (
              <tr aria-hidden="true" style={{ height: padding.top }}>
                <td colSpan={columnCount} />
              </tr>
            ) : null}
            {visibleRows.map(({ row, item }) => (
              <tr
                key={row.id}
                data-index={item?.index}
                ref={item ? virtualizer.measureElement : undefined}
                aria-rowindex={item ? item.index + 2 : undefined}
                className="border-b border-slate-100 last:border-b-0 hover:bg-slate-50"
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2.5 align-middle text-slate-800">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
            {padding.bottom > 0 ? (
              <tr aria-hidden="true" style={{ height: padding.bottom }}>
                <td colSpan={columnCount} />
              </tr>
            ) : null}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columnCount} className="px-3 py-8 text-center text-slate-600">
                  {data.length > 0
                    ? t('noMatches', { filter: filter.trim() })
                    : (empty ?? t('empty'))}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function SortIcon({ direction }: { direction: SortDirection | false }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 10 14" className="h-3.5 w-2.5" fill="currentColor">
      <path d="M5 1l4 5H1z" className={direction === 'asc' ? 'text-emerald-700' : 'opacity-30'} />
      <path d="M5 13L1 8h8z" className={direction === 'desc' ? 'text-emerald-700' : 'opacity-30'} />
    </svg>
  );
}
