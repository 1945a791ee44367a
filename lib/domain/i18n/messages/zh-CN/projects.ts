import type { Catalog } from '../../catalog';
import type { projects as en } from '../en/projects';

export const projects: Catalog<typeof en> = {};
