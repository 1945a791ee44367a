import type { MessageKey } from './en';

/** Simplified Chinese messages, in the wording of KubeSphere's grayscale release pages. */
export const zhCN: Record<MessageKey, string> = {
  'app.name': 'Aviary',
  'app.tagline': 'Istio 服务网格上的灰度发布',
  'nav.label': '控制台导航',
  'nav.grayscale': '灰度发布',
  'nav.topology': '流量拓扑',
  'nav.tracing': '链路追踪',
  'header.project': '项目',
  'header.projectSwitcher': '切换项目',
  'header.userMenu': '用户菜单',
  'header.signedOut': '未登录',
  'header.language': '语言',
  'page.grayscale.title': '灰度发布',
  'page.grayscale.intro':
    '为服务引入新版本，按比例或按请求内容分配流量，对比两个版本，然后让新版本接管全部流量或一键回滚。',
  'page.grayscale.modes': '发布模式',
  'mode.canary': '金丝雀发布',
  'mode.canary.description': '按比例或按请求内容，将部分流量发送到新版本。',
  'mode.bluegreen': '蓝绿部署',
  'mode.bluegreen.description': '同时运行两个版本，一次性将全部流量切换到其中一个版本。',
  'mode.mirror': '流量镜像',
  'mode.mirror.description': '由稳定版本继续提供服务，同时将流量副本发送到新版本。',
  'page.grayscale.jobs': '发布任务',
  'page.grayscale.jobsFromCli':
    '此页面的任务列表正在建设中。在此之前，可使用 `aviary job list -n 项目` 列出项目的发布任务，使用 `aviary job --help` 查看如何操作。',
  'page.topology.title': '流量拓扑',
  'page.topology.intro': '查看此项目中服务之间的调用关系，以及每条边上的请求速率、成功率和延迟。',
  'page.tracing.title': '链路追踪',
  'page.tracing.intro': '按服务、操作、标签和耗时查找请求，并跟踪每个请求在网格中的路径。',
  'page.comingSoon': '此页面正在建设中。',
  'locale.en': 'English',
  'locale.zh-CN': '简体中文',
};
