import type { Catalog } from '../../catalog';
import type { members as en } from '../en/members';

export const members: Catalog<typeof en> = {};
