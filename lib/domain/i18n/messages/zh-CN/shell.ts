import type { Catalog } from '../../catalog';
import type { shell as en } from '../en/shell';

export const shell: Catalog<typeof en> = {
  nav: {
    label: '控制台导航',
    overview: '概览',
    members: '项目成员',
    grayscale: '灰度发布',
    topology: '流量拓扑',
    tracing: '链路追踪',
  },
  header: {
    project: '项目',
    projectSwitcher: '切换项目',
    userMenu: '用户菜单',
    signedOut: '未登录',
    language: '语言',
  },
  sections: {
    grayscale: {
      title: '灰度发布',
      intro:
        '为服务引入新版本，按比例或按请求内容分配流量，对比两个版本，然后让新版本接管全部流量或一键回滚。',
    },
    topology: {
      title: '流量拓扑',
      intro: '查看此项目中服务之间的调用关系，以及每条边上的请求速率、成功率和延迟。',
    },
    tracing: {
      title: '链路追踪',
      intro: '按服务、操作、标签和耗时查找请求，并跟踪每个请求在网格中的路径。',
    },
  },
};
