import type { Catalog } from '../../catalog';
import type { errors as en } from '../en/errors';

export const errors: Catalog<typeof en> = {
  notFound: {
    title: '页面不存在',
    message: '此地址没有内容。',
    home: '打开控制台',
  },
  projectNotFound: {
    title: '项目不存在',
    messageUnnamed: '该项目不存在，或已被删除。',
    back: '全部项目',
  },
  forbidden: {
    title: '没有权限',
    message: '你不能{action}：{reason}',
    contact: '请联系该项目的管理员，为你分配允许此操作的角色。',
  },
  cluster: {
    unreachableTitle: '无法连接 Kubernetes API 服务器',
    unreachable: '控制台会持续重试并自动恢复；当前显示的内容可能已过期。',
    offlineTitle: '无法连接控制台',
    offline: '请检查网络连接；页面会自动重试。',
  },
  generic: {
    title: '出错了',
    retry: '重试',
  },
};
