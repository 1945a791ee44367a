import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '@/lib/domain/accounts/account-schema';
import { renderMarkup, tagsWith, textOf } from '@/test/support/static-markup';
import { ToastProvider } from '../ui/toast';
import { UserList, type UsersInitial } from './user-list';

const accounts: AccountSummary[] = [
  { username: 'admin', platformRole: 'admin', createdAt: '2026-12-08T00:39:00.000Z' },
  {
    username: 'project-regular',
    platformRole: 'user',
    createdAt: '2026-12-08T00:39:00.000Z',
    passwordChangedAt: '2026-12-08T01:00:00.000Z',
  },
];

function render(initial: UsersInitial, locale: 'en' | 'zh-CN' = 'en') {
  return renderMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <ToastProvider>
        <UserList currentUser="admin" initial={initial} />
      </ToastProvider>
    </QueryClientProvider>,
    locale,
  );
}

describe('UserList', () => {
  it('lists every account with its platform role, a menu per row and the create button', () => {
    const html = render({ items: accounts });
    const text = textOf(html);
    expect(text).toContain('Create account');
    expect(text).toMatch(/admin you Platform administrator/);
    expect(text).toMatch(/project-regular User/);
    expect(text).toContain('Never');
    expect(tagsWith(html, 'data-row-menu').map((t) => t.attributes['aria-label'])).toEqual([
      'Actions for admin',
      'Actions for project-regular',
    ]);
  });

  it('never puts anything but the summary into the page', () => {
    const html = render({ items: accounts });
    expect(html).not.toMatch(/hash|password"/i);
  });

  it('speaks KubeSphere Chinese', () => {
    const text = textOf(render({ items: accounts }, 'zh-CN'));
    expect(text).toContain('创建账户');
    expect(text).toContain('平台管理员');
    expect(text).toContain('普通用户');
  });
});
