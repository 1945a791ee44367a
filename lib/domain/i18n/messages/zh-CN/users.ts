import type { Catalog } from '../../catalog';
import type { users as en } from '../en/users';

export const users: Catalog<typeof en> = {};
