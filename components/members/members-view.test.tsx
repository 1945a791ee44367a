import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { Member } from '@/lib/domain/projects';
import { renderMarkup, tagsWith, textOf } from '@/test/support/static-markup';
import { ToastProvider } from '../ui/toast';
import { MembersView, type MembersInitial } from './members-view';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh() {} }) }));

const members: Member[] = [
  { username: 'carol', role: 'admin', kind: 'User', managed: false },
  { username: 'project-regular', role: 'operator', kind: 'User', managed: true },
  { username: 'qa-team', role: 'viewer', kind: 'Group', managed: false },
  { username: 'sam', role: 'admin', kind: 'User', managed: true },
];

function render(initial: MembersInitial, canManage: boolean, locale: 'en' | 'zh-CN' = 'en') {
  const client = new QueryClient();
  return renderMarkup(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <MembersView
          project="demo-project"
          currentUser="sam"
          canManage={canManage}
          initial={initial}
        />
      </ToastProvider>
    </QueryClientProvider>,
    locale,
  );
}

const menuButtons = (html: string) =>
  tagsWith(html, 'data-row-menu').map((tag) => tag.attributes['data-row-menu']);

describe('MembersView', () => {
  it('offers invite and a menu only on the rows Aviary manages, for those who may manage', () => {
    const html = render({ items: members }, true);
    expect(textOf(html)).toContain('Invite member');
    expect(menuButtons(html)).toEqual(['project-regular', 'sam']);
    expect(textOf(html)).toContain('Outside Aviary');
    expect(textOf(html)).toMatch(/sam you/);
  });

  it('shows the list read-only, with no invite and no menus, to everyone else', () => {
    const html = render({ items: members }, false);
    expect(textOf(html)).not.toContain('Invite member');
    expect(menuButtons(html)).toEqual([]);
    expect(textOf(html)).toContain('You can see the members of this project but not change them.');
  });

  it('says which permission is missing when the cluster refuses the list', () => {
    const html = render(
      { error: { code: 'Forbidden', message: 'rolebindings is forbidden' } },
      false,
    );
    expect(html).not.toContain('<table');
    expect(textOf(html)).toContain('list RoleBindings (rbac.authorization.k8s.io)');
    expect(textOf(html)).not.toContain('rolebindings is forbidden');
    expect(textOf(render({ error: { code: 'Forbidden', message: '' } }, false, 'zh-CN'))).toContain(
      '您无法查看本项目的成员',
    );
  });
});
