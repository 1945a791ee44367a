import type { Catalog } from '../../catalog';
import type { errors as en } from '../en/errors';

export const errors: Catalog<typeof en> = {
  notFound: {
    title: '页面不存在',
    message: '此地址没有内容。',
    home: '打开控制台',
  },
};
