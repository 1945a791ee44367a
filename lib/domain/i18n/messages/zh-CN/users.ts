import type { Catalog } from '../../catalog';
import type { users as en } from '../en/users';

export const users: Catalog<typeof en> = {
  page: {
    title: '账户管理',
    intro: '可登录 Aviary 的账户。平台管理员管理账户和所有项目；普通用户在其所属的项目中工作。',
  },
  forbidden: {
    title: '只有平台管理员可以打开此页面',
    message: '账户管理需要“平台管理员”平台角色。您当前登录的账户是 {name}，其平台角色为普通用户。',
    back: '返回项目列表',
  },
  roles: {
    admin: '平台管理员',
    user: '普通用户',
  },
  list: {
    label: '账户',
    username: '用户名',
    platformRole: '平台角色',
    created: '创建时间',
    passwordChanged: '密码修改时间',
    never: '从未',
    you: '您',
    actions: '操作',
    actionsFor: '{name} 的操作',
    empty: '还没有账户',
    emptyHint: '为每位使用控制台的人员创建一个账户。',
  },
  loadFailed: '无法加载账户',
  create: {
    open: '创建账户',
    title: '创建账户',
    description: '可登录控制台的新账户。',
    username: '用户名',
    usernameHint: '小写字母、数字和“-”；它同时是 Kubernetes 用户名。',
    platformRole: '平台角色',
    roleHint: {
      admin: '管理账户和所有项目。',
      user: '只在受邀加入的项目中工作。',
    },
    password: '密码',
    passwordHint: '留空将自动生成一个强密码。',
    submit: '创建',
    cancel: '取消',
    created: '已创建账户 {name}',
    createdTitle: '已创建账户 {name}',
  },
  password: {
    label: '{name} 的密码',
    onceTitle: '此密码仅显示这一次',
    once: '请复制并安全地交给 {name}。Aviary 只保存密码的哈希值，无法再次显示；如果丢失，请重置密码。',
    chosen: '您输入的密码现已成为 {name} 的密码。',
    done: '完成',
  },
  resetPassword: {
    menu: '重置密码',
    title: '重置 {name} 的密码？',
    description: '将生成一个新密码并仅显示一次。旧密码立即失效，{name} 的所有会话立即结束。',
    confirm: '重置密码',
    doneTitle: '{name} 的新密码',
  },
  makeAdmin: {
    menu: '设为平台管理员',
    title: '将 {name} 设为平台管理员？',
    description: '{name} 将在下一次请求时获得管理所有账户和所有项目（包括项目成员）的权限。',
    confirm: '设为管理员',
    done: '{name} 现在是平台管理员',
  },
  unmakeAdmin: {
    menu: '取消平台管理员',
    title: '取消 {name} 的平台管理员角色？',
    description: '{name} 将不能再管理账户和其不属于的项目；其项目角色保持不变。',
    confirm: '取消角色',
    done: '{name} 现在是普通用户',
    self: '您不能取消自己的平台管理员角色：请联系其他平台管理员。',
  },
  delete: {
    menu: '删除',
    title: '删除账户 {name}？',
    description:
      '{name} 将无法再登录，该账户的所有会话立即结束。其项目角色会保留，直到被移除。此操作无法撤销。',
    confirm: '删除',
    done: '已删除账户 {name}',
    self: '您不能删除当前登录的账户：请联系其他平台管理员。',
  },
};
