import { CoreV1Api, RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { pathOf, type Endpoint } from '@/lib/domain/api/endpoint';
import {
  clusterRoleOfProjectRole,
  memberBindingName,
  type ProjectRole,
} from '@/lib/domain/projects';
import { releaseJobCrd } from '@/lib/domain/release';
import { AccountStore, ensureAccountStore } from '@/lib/server/accounts/account-store';
import { applyAviaryRbac } from '@/lib/server/accounts/demo-accounts';
import { parseConsoleConfig } from '@/lib/server/console/console-config';
import {
  createConsoleContext,
  setConsoleContext,
  type ConsoleContext,
} from '@/lib/server/console/console-context';
import type { RouteHandler } from '@/lib/server/api/handler';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';

/**
 * The console's route handlers, called as Next.js calls them (a Request in, a Response out),
 * against a real sandbox API server holding Aviary's RBAC and a cast of accounts:
 * `admin` (platform admin), in `demo-project` a viewer, an operator and a project admin, and an
 * operator of `team-b` only.
 */

export const origin = 'http://console.test';
export const password = 'correct horse battery staple';

export const cast = {
  admin: { platformRole: 'admin' as const },
  viewer: { project: 'demo-project', role: 'viewer' as ProjectRole },
  operator: { project: 'demo-project', role: 'operator' as ProjectRole },
  'project-admin': { project: 'demo-project', role: 'admin' as ProjectRole },
  outsider: { project: 'team-b', role: 'operator' as ProjectRole },
};
export type CastMember = keyof typeof cast;

export interface ConsoleFixture {
  sandbox: SandboxFixture;
  /** The sandbox's cluster admin, to check what reached the cluster. */
  kc: KubeConfig;
  context: ConsoleContext;
  call(e: Endpoint, request?: CallOptions): Promise<Response>;
  signIn(who: CastMember): Promise<string>;
  dispose(): Promise<void>;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Raw body text; wins over `body`. */
  rawBody?: string;
  cookie?: string;
  origin?: string | null;
  contentType?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** app/api/projects/[ns]/route.ts for /api/projects/{ns}. */
export function routeFileOf(e: Pick<Endpoint, 'path'>): string {
  return `app${e.path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;
}

export async function loadHandler(e: Endpoint): Promise<RouteHandler> {
  const routeModule = (await import(/* @vite-ignore */ `@/${routeFileOf(e)}`)) as Record<
    string,
    RouteHandler
  >;
  const handler = routeModule[e.method];
  if (!handler) throw new Error(`${routeFileOf(e)} exports no ${e.method}`);
  return handler;
}

export async function startConsoleFixture(): Promise<ConsoleFixture> {
  const sandbox = await startSandboxFixture({ extraCrds: [releaseJobCrd() as never] });
  const kc = sandbox.kubeConfig;
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  for (const name of ['demo-project', 'team-b']) {
    await core.createNamespace({
      body: { metadata: { name, labels: { 'istio-injection': 'enabled' } } },
    });
  }
  await applyAviaryRbac(kc);
  await ensureAccountStore(kc, 'aviary-system');
  const context = createConsoleContext(
    parseConsoleConfig({ AVIARY_SESSION_SECRET: 'a-test-secret-that-is-long-enough-0123456789' }),
    kc,
  );
  const store = new AccountStore(kc, 'aviary-system');
  for (const [name, member] of Object.entries(cast)) {
    await store.create(name, 'platformRole' in member ? member.platformRole : 'user', password);
    if ('project' in member) {
      await rbac.createNamespacedRoleBinding({
        namespace: member.project,
        body: {
          metadata: {
            name: memberBindingName(name),
            labels: { 'app.kubernetes.io/managed-by': 'aviary' },
          },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: clusterRoleOfProjectRole[member.role],
          },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name }],
        },
      });
    }
  }
  setConsoleContext(context);
  const cookies = new Map<CastMember, string>();

  const fixture: ConsoleFixture = {
    sandbox,
    kc,
    context,
    async call(e, options = {}) {
      const url = new URL(pathOf(e, options.params), origin);
      for (const [key, value] of Object.entries(options.query ?? {}))
        url.searchParams.set(key, value);
      const headers = new Headers(options.headers);
      if (options.origin !== null && e.method !== 'GET')
        headers.set('origin', options.origin ?? origin);
      const text =
        options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (text !== undefined && options.contentType !== null) {
        headers.set('content-type', options.contentType ?? 'application/json');
      }
      if (options.cookie) headers.set('cookie', options.cookie);
      const request = new Request(url, {
        method: e.method,
        headers,
        ...(text !== undefined ? { body: text } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const handler = await loadHandler(e);
      return handler(request, { params: Promise.resolve(options.params ?? {}) });
    },
    async signIn(who) {
      const held = cookies.get(who);
      if (held) return held;
      const { endpoints } = await import('@/lib/domain/api/endpoints');
      const response = await fixture.call(endpoints.signIn, { body: { username: who, password } });
      if (response.status !== 200)
        throw new Error(`sign-in of ${who}: ${response.status} ${await response.text()}`);
      const cookie = cookieOf(response);
      cookies.set(who, cookie);
      return cookie;
    },
    async dispose() {
      setConsoleContext(undefined);
      await sandbox.dispose();
    },
  };
  return fixture;
}

/** `name=value` of the session cookie a response sets (for the next request's Cookie header). */
export function cookieOf(response: Response): string {
  const setCookie = response.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0] ?? '';
}
