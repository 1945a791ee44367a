import { z } from 'zod';

/** The project the demo seeds and the console opens on. */
export const defaultProject = 'demo-project';

/** A project is a Kubernetes namespace: its name is a DNS-1123 label. */
export const projectNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a DNS-1123 label: lowercase letters, digits and "-"',
  );
