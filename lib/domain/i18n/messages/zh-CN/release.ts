import type { Catalog } from '../../catalog';
import type { release as en } from '../en/release';

export const release: Catalog<typeof en> = {
  modes: {
    heading: '发布模式',
    canary: {
      title: '金丝雀发布',
      description: '按比例或按请求内容，将部分流量发送到新版本。',
    },
    bluegreen: {
      title: '蓝绿部署',
      description: '同时运行两个版本，一次性将全部流量切换到其中一个版本。',
    },
    mirror: {
      title: '流量镜像',
      description: '由稳定版本继续提供服务，同时将流量副本发送到新版本。',
    },
  },
  jobs: {
    heading: '发布任务',
    fromCli:
      '此页面的任务列表正在建设中。在此之前，可使用 `aviary job list -n 项目` 列出项目的发布任务，使用 `aviary job --help` 查看如何操作。',
  },
};
