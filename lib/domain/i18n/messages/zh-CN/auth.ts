import type { Catalog } from '../../catalog';
import type { auth as en } from '../en/auth';

export const auth: Catalog<typeof en> = {
  signIn: {
    title: '登录 Aviary',
    intro: '基于 Istio 服务网格的灰度发布。',
    username: '用户名',
    password: '密码',
    token: '访问令牌',
    tokenHint: '集群接受的令牌（OIDC ID 令牌或服务账户令牌）。令牌只保存在控制台服务器端。',
    withPassword: '账户',
    withToken: '令牌',
    submit: '登录',
    submitting: '正在登录…',
    failed: '用户名或密码错误。',
    tokenFailed: '集群不接受此令牌。',
    throttled: '失败次数过多，请在 {seconds, plural, other {# 秒}}后重试。',
    unreachable: '控制台暂时无法连接集群，请稍后重试。',
    expired: '会话已结束。重新登录后将回到原来的页面。',
    demoHint: '正在运行演示？密码由 `npm run demo` 打印，并保存在 .aviary/credentials.json 中。',
  },
  userMenu: {
    signedInAs: '当前用户：{name}',
    platformAdmin: '平台管理员',
    signOut: '退出登录',
    users: '账户管理',
    allReleaseJobs: '全部发布任务',
  },
};
