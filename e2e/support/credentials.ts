import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { e2eStack } from './stack-env';

/** The accounts the demo seed creates, each with the password it printed. */
export const demoCredentialsSchema = z.object({
  admin: z.string().min(1),
  'project-regular': z.string().min(1),
});

export type DemoCredentials = z.infer<typeof demoCredentialsSchema>;
export type DemoAccount = keyof DemoCredentials;

/** Reads `<data-dir>/credentials.json`, which the demo seed writes: `{"admin": "...", ...}`. */
export async function readDemoCredentials(): Promise<DemoCredentials> {
  const { credentialsFile } = e2eStack();
  let text: string;
  try {
    text = await readFile(credentialsFile, 'utf8');
  } catch (error) {
    throw new Error(
      `the demo seed wrote no credentials (${credentialsFile}): ${(error as Error).message}`,
    );
  }
  return demoCredentialsSchema.parse(JSON.parse(text));
}

/** One account's username and password, ready for the sign-in form or API. */
export async function demoAccount(
  username: DemoAccount,
): Promise<{ username: DemoAccount; password: string }> {
  return { username, password: (await readDemoCredentials())[username] };
}
