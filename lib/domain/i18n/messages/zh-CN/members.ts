import type { Catalog } from '../../catalog';
import type { members as en } from '../en/members';

export const members: Catalog<typeof en> = {
  roles: {
    viewer: '观察者',
    operator: '操作员',
    admin: '项目管理员',
  },
  roleAllows: {
    viewer: '可查看项目的应用、灰度发布任务、流量拓扑和链路追踪。',
    operator: '拥有观察者的全部权限，还可执行灰度发布任务，开启或关闭应用治理。',
    admin: '拥有操作员的全部权限，还可管理项目的工作负载、Istio 对象和项目成员。',
  },
  page: {
    title: '项目成员',
    intro: '在 {project} 中拥有角色的成员，以及各角色可执行的操作。',
    readOnly: '您可以查看本项目的成员，但不能修改。',
    readOnlyDetail: '邀请和移除成员需要项目管理员角色。',
  },
  list: {
    label: '{project} 的成员',
    username: '成员',
    role: '角色',
    since: '加入时间',
    managedBy: '管理方',
    managed: 'Aviary',
    unmanaged: 'Aviary 之外',
    unmanagedHint: '由 kubectl 或其他工具创建：请在那里修改',
    you: '您',
    kind: {
      User: '用户',
      Group: '用户组',
      ServiceAccount: '服务账户',
    },
    actions: '操作',
    actionsFor: '{name} 的操作',
    empty: '本项目还没有成员',
    emptyManage: '邀请账户，为其分配本项目中的角色。',
    emptyReadOnly: '项目管理员可以邀请账户加入本项目。',
  },
  forbidden: {
    title: '您无法查看本项目的成员',
    message:
      '查看成员需要在命名空间 {project} 中列出 RoleBinding（rbac.authorization.k8s.io）的权限。您在本项目中的角色不包含该权限：只有项目管理员和平台管理员拥有它。',
    contact: '如需了解本项目的其他成员，请联系 {project} 的管理员。',
  },
  loadFailed: '无法加载 {project} 的成员',
  invite: {
    open: '邀请成员',
    title: '邀请成员',
    description: '为已有账户分配 {project} 中的角色。',
    username: '账户',
    usernameHint: '已有账户的名称。账户在“账户管理”中创建。',
    role: '角色',
    submit: '邀请',
    cancel: '取消',
    invited: '{name} 已成为 {project} 的{role}',
  },
  changeRole: {
    menu: '将角色改为{role}',
    title: '修改 {name} 的角色？',
    description: '{name} 将成为 {project} 的{role}。',
    lessAccess: '{current}角色超出该范围的权限将立即失效。',
    self: '这是您自己的角色：您可能会失去改回它的权限。',
    confirm: '修改角色',
    changed: '{name} 已成为 {project} 的{role}',
  },
  remove: {
    menu: '移出项目',
    title: '将 {name} 移出 {project}？',
    description:
      '{name} 将失去{role}角色，也就无法再访问 {project}：其中的应用、灰度发布任务、流量拓扑和链路追踪。账户本身会保留。',
    self: '这是您自己：除非有人再次邀请您，否则您将看不到本项目。',
    confirm: '移除',
    removed: '已将 {name} 移出 {project}',
  },
};
