import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { KubeConfig } from '@kubernetes/client-node';
import { consoleContext } from '../console/console-context';
import { kubeConfigAs } from '../kube/user-kube-config';
import type { SignedIn } from './auth-service';
import { sessionCookieName } from './session-seal';

/**
 * The person a page is rendered for, from the session cookie (server components cannot set
 * cookies, so the idle expiry moves on with the API calls the page makes, not with renders).
 */
export async function pageSession(): Promise<SignedIn | undefined> {
  const jar = await cookies();
  const value = jar.get(sessionCookieName)?.value;
  return value ? consoleContext().auth.resolve(value) : undefined;
}

/** The path being rendered (set by proxy.ts), to come back to after signing in. */
export async function currentPath(): Promise<string> {
  return (await headers()).get('x-aviary-path') ?? '/projects';
}

export function signInPath(next: string): string {
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

/** The person, or a redirect to sign in (and back here afterwards). */
export async function requireSignedIn(): Promise<SignedIn & { kube: () => KubeConfig }> {
  const signedIn = await pageSession();
  if (!signedIn) redirect(signInPath(await currentPath()));
  return { ...signedIn, kube: () => kubeConfigAs(consoleContext().kubeConfig, signedIn.identity) };
}

/** Only `/...` paths of this console, never another site (an open redirect). */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return '/projects';
  return next;
}
