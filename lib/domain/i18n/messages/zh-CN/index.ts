import { auth } from './auth';
import { common } from './common';
import { errors } from './errors';
import { governance } from './governance';
import { members } from './members';
import { projects } from './projects';
import { release } from './release';
import { shell } from './shell';
import { ui } from './ui';
import { users } from './users';
import type { Catalog } from '../../catalog';
import type { en as reference } from '../en';

/** Simplified Chinese messages, by area, in KubeSphere's words (项目, 成员, 角色, 应用治理, 灰度发布). */
export const zhCN: Catalog<typeof reference> = {
  common,
  shell,
  ui,
  errors,
  auth,
  projects,
  members,
  users,
  governance,
  release,
};
