import type { Catalog } from '../../catalog';
import type { governance as en } from '../en/governance';

export const governance: Catalog<typeof en> = {
  state: {
    on: '已开启应用治理',
    off: '未开启应用治理',
    partial: '部分治理',
    none: '没有工作负载',
  },
  inProgress: '容器组正在重启：{total} 个中已有 {done} 个符合要求',
  switchLabel: '{name} 的应用治理',
  turnOn: {
    title: '为 {name} 开启应用治理？',
    description:
      '将为 {name} 的 {count, plural, other {# 个工作负载}}注入 Istio 边车：其容器组会逐个重启。之后发往它们的流量将遵循 VirtualService 并出现在监控指标中，才能进行灰度发布。',
    confirm: '开启',
  },
  turnOff: {
    title: '关闭 {name} 的应用治理？',
    description:
      '将移除 {name} 的 {count, plural, other {# 个工作负载}}中的边车：其容器组会重启。发往它们的请求将不再按 VirtualService 路由，也不再出现在 Istio 指标中，并且无法为它们创建发布任务。',
    confirm: '关闭',
  },
  changed: '正在{state, select, on {开启} other {关闭}} {name} 的应用治理。',
  why: '应用治理即为应用的工作负载注入 Istio 边车；灰度发布需要开启应用治理。',
};
