import type { Catalog } from '../../catalog';
import type { common as en } from '../en/common';

export const common: Catalog<typeof en> = {
  app: {
    name: 'Aviary',
    tagline: 'Istio 服务网格上的灰度发布',
  },
  locale: {
    en: 'English',
    'zh-CN': '简体中文',
  },
  comingSoon: '此页面正在建设中。',
};
