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

/** English messages, by area: the reference every other locale must match key for key. */
export const en = {
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
} as const;
