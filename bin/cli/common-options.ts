import { z } from 'zod';
import type { OptionSpec } from './options';

/** Where the sandbox keeps its state (objects, kubeconfig, credentials), relative to the working directory. */
export const dataDirOption = {
  flag: 'data-dir',
  env: 'AVIARY_DATA_DIR',
  kind: 'string',
  placeholder: 'DIR',
  description: 'directory for state that survives restarts',
  schema: z.string().min(1, 'must not be empty').default('.aviary'),
} satisfies OptionSpec;
