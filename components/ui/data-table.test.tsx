import { describe, expect, it } from 'vitest';
import { openingTags, renderMarkup, tagsWith, textOf } from '@/test/support/static-markup';
import {
  DataTable,
  ariaSort,
  createColumnHelper,
  filterableText,
  matchesFilter,
  virtualPadding,
} from './data-table';

interface Member {
  name: string;
  role: string;
  jobs: number;
}

const column = createColumnHelper<Member>();
const columns = [
  column.accessor('name', { header: 'Name' }),
  column.accessor('role', { header: 'Role' }),
  column.accessor('jobs', { header: 'Jobs', enableSorting: false }),
];
const members: Member[] = [
  { name: 'project-regular', role: 'operator', jobs: 2 },
  { name: 'admin', role: 'admin', jobs: 0 },
  { name: 'viewer-1', role: 'viewer', jobs: 11 },
];

/** The first cell of each body row, in the order rendered. */
function firstColumn(html: string): string[] {
  const body = html.slice(html.indexOf('<tbody>'));
  return [...body.matchAll(/<tr[^>]*><td[^>]*>(.*?)<\/td>/g)].map((match) => textOf(match[1]!));
}

describe('filter and sort helpers', () => {
  it.each([
    ['reviews', 'reviews'],
    [42, '42'],
    [true, 'true'],
    [['v1', 'v2', 3], 'v1 v2 3'],
    [null, ''],
    [undefined, ''],
    [{ name: 'x' }, ''],
  ])('filterableText(%j) is %j', (value, text) => {
    expect(filterableText(value)).toBe(text);
  });

  it.each([
    ['Project-Regular', 'regular', true],
    ['project-regular', '  REGULAR ', true],
    ['admin', 'regular', false],
    [11, '1', true],
    ['anything', '', true],
    ['anything', '   ', true],
    [null, 'x', false],
  ])('matchesFilter(%j, %j) is %j', (value, query, expected) => {
    expect(matchesFilter(value, query)).toBe(expected);
  });

  it.each([
    ['asc', 'ascending'],
    ['desc', 'descending'],
    [false, 'none'],
  ] as const)('aria-sort of %j is %j', (direction, expected) => {
    expect(ariaSort(direction)).toBe(expected);
  });

  it('pads a virtual window above and below, never negative', () => {
    expect(virtualPadding([], 1000)).toEqual({ top: 0, bottom: 0 });
    expect(
      virtualPadding(
        [
          { start: 410, end: 451 },
          { start: 451, end: 492 },
        ],
        4100,
      ),
    ).toEqual({ top: 410, bottom: 3608 });
    expect(virtualPadding([{ start: 0, end: 50 }], 41)).toEqual({ top: 0, bottom: 0 });
  });
});

describe('DataTable', () => {
  it('marks sortable headers with aria-sort and sorts by the initial sorting', () => {
    const html = renderMarkup(
      <DataTable
        label="Members"
        columns={columns}
        data={members}
        initialSorting={[{ id: 'name', desc: false }]}
      />,
    );
    const headers = openingTags(html, 'th').map(({ attributes }) => attributes['aria-sort']);
    expect(headers).toEqual(['ascending', 'none', undefined]);
    expect(firstColumn(html)).toEqual(['admin', 'project-regular', 'viewer-1']);
    expect(html).toContain('<caption class="sr-only">Members</caption>');
  });

  it('sorts descending and keeps the data order without sorting', () => {
    const descending = renderMarkup(
      <DataTable
        label="Members"
        columns={columns}
        data={members}
        initialSorting={[{ id: 'role', desc: true }]}
      />,
    );
    expect(firstColumn(descending)).toEqual(['viewer-1', 'project-regular', 'admin']);
    expect(openingTags(descending, 'th')[1]?.attributes['aria-sort']).toBe('descending');
    const unsorted = renderMarkup(<DataTable label="Members" columns={columns} data={members} />);
    expect(firstColumn(unsorted)).toEqual(['project-regular', 'admin', 'viewer-1']);
  });

  it('filters over every column and says how many rows are shown', () => {
    const html = renderMarkup(
      <DataTable label="Members" columns={columns} data={members} filterable filter="OPER" />,
    );
    expect(firstColumn(html)).toEqual(['project-regular']);
    expect(textOf(html)).toContain('1 of 3 rows');
    expect(tagsWith(html, 'type', 'search')).toHaveLength(1);
    const byNumber = renderMarkup(
      <DataTable label="Members" columns={columns} data={members} filterable filter="11" />,
    );
    expect(firstColumn(byNumber)).toEqual(['viewer-1']);
  });

  it('shows the empty slot when there is no data and says nothing matched a filter', () => {
    const empty = renderMarkup(
      <DataTable label="Members" columns={columns} data={[]} empty={<p>Invite someone</p>} />,
    );
    expect(textOf(empty)).toContain('Invite someone');
    expect(tagsWith(empty, 'colSpan', '3')).toHaveLength(1);
    const none = renderMarkup(
      <DataTable label="Members" columns={columns} data={members} filterable filter="nobody" />,
    );
    expect(textOf(none)).toContain('No rows match “nobody”');
    const chinese = renderMarkup(
      <DataTable label="成员" columns={columns} data={[]} filterable />,
      'zh-CN',
    );
    expect(textOf(chinese)).toContain('暂无数据');
  });

  it('renders only a window of rows above the threshold, with the full row count for readers', () => {
    const many = Array.from({ length: 500 }, (_, index) => ({
      name: `user-${String(index).padStart(3, '0')}`,
      role: 'viewer',
      jobs: index,
    }));
    const html = renderMarkup(
      <DataTable label="Accounts" columns={columns} data={many} virtualizeAbove={100} />,
    );
    const rendered = firstColumn(html);
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toBe('user-000');
    expect(openingTags(html, 'table')[0]?.attributes['aria-rowcount']).toBe('501');
    expect(tagsWith(html, 'role', 'region')[0]?.attributes['aria-label']).toBe('Accounts');

    const few = renderMarkup(
      <DataTable
        label="Accounts"
        columns={columns}
        data={many.slice(0, 100)}
        virtualizeAbove={100}
      />,
    );
    expect(firstColumn(few)).toHaveLength(100);
    expect(openingTags(few, 'table')[0]?.attributes['aria-rowcount']).toBeUndefined();
  });
});
