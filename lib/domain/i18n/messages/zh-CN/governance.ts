import type { Catalog } from '../../catalog';
import type { governance as en } from '../en/governance';

export const governance: Catalog<typeof en> = {};
