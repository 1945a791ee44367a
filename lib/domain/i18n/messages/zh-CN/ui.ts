import type { Catalog } from '../../catalog';
import type { ui as en } from '../en/ui';

export const ui: Catalog<typeof en> = {
  close: '关闭',
  cancel: '取消',
  confirm: '确定',
  loading: '加载中…',
  working: '处理中…',
  retry: '重试',
  dismiss: '关闭通知',
  notifications: '通知',
  copy: {
    button: '复制',
    label: '复制{name}',
    copied: '已复制',
    announceCopied: '{name}已复制到剪贴板',
    failed: '无法复制：请选中文本后手动复制',
  },
  error: {
    title: '出错了',
  },
  table: {
    filter: '筛选',
    filterPlaceholder: '按任意列筛选',
    empty: '暂无数据',
    noMatches: '没有与“{filter}”匹配的数据',
    rowCount: '{count, plural, =0 {暂无数据} other {共 # 条}}',
    filteredCount: '{shown, number} / {count, plural, other {共 # 条}}',
    sortBy: '按{column}排序',
  },
  password: {
    show: '显示密码',
    hide: '隐藏密码',
  },
  select: {
    placeholder: '请选择…',
  },
  field: {
    required: '必填',
  },
  yaml: {
    label: 'YAML',
    lines: '{count, plural, other {# 行}}',
  },
  progress: {
    value: '{value, number, percent}',
  },
};
