import type { Catalog } from '../../catalog';
import type { members as en } from '../en/members';

export const members: Catalog<typeof en> = {
  roles: {
    viewer: '观察者',
    operator: '操作员',
    admin: '项目管理员',
  },
};
