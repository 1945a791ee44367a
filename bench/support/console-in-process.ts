/**
 * The console's route handlers called in this process as Next.js calls them (a Request in, a
 * Response out), against a sandbox API server in its own process (so this process's memory and
 * event loop are the console's alone) holding Aviary's RBAC, its account store and the CRDs the
 * console reads (ReleaseJobs; the sandbox serves Applications). Used by the console-projects and
 * console-event-streams benchmarks; `dispose()` stops the sandbox and removes its data dir.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ApiextensionsV1Api,
  RbacAuthorizationV1Api,
  KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { endpoints } from '@/lib/domain/api/endpoints';
import { pathOf, type Endpoint } from '@/lib/domain/api/endpoint';
import {
  clusterRoleOfProjectRole,
  memberBindingName,
  type ProjectRole,
} from '@/lib/domain/projects';
import { releaseJobCrd } from '@/lib/domain/release';
import { AccountStore, ensureAccountStore } from '@/lib/server/accounts/account-store';
import { applyAviaryRbac } from '@/lib/server/accounts/demo-accounts';
import type { RouteHandler } from '@/lib/server/api/handler';
import { parseConsoleConfig } from '@/lib/server/console/console-config';
import { createConsoleContext, setConsoleContext } from '@/lib/server/console/console-context';
import { shareAgent } from '@/lib/server/kube/kube-config';
import { makeTempDir } from '../../test/support/temp-dir';
import { startReadyChild, type ReadyChild } from './process-rss';

export const origin = 'http://console.bench';
export const password = 'correct horse battery staple';

const runTs = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const sandboxEntry = fileURLToPath(
  new URL('../../test/support/run-sandbox-process.ts', import.meta.url),
);

export interface InProcessConsole {
  /** The sandbox's cluster admin (system:masters), sharing the console's keep-alive agent. */
  admin: KubeConfig;
  /** The same admin with client-node's own agent: writes that must not queue behind the console's. */
  ownAgentAdmin: KubeConfig;
  sandbox: ReadyChild;
  accounts: AccountStore;
  call(e: Endpoint, options?: CallOptions): Promise<Response>;
  /** Creates an account (platform role `user`) with a project role in `namespace`. */
  addMember(username: string, namespace: string, role: ProjectRole): Promise<void>;
  /** Signs in with the password; resolves to the `name=value` session cookie. */
  signIn(username: string): Promise<string>;
  dispose(): Promise<void>;
}

export interface CallOptions {
  params?: Record<string, string>;
  body?: unknown;
  cookie?: string;
  signal?: AbortSignal;
}

async function loadHandler(e: Endpoint): Promise<RouteHandler> {
  const file = `../../app${e.path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;
  const routeModule = (await import(new URL(file, import.meta.url).href)) as Record<
    string,
    RouteHandler
  >;
  const handler = routeModule[e.method];
  if (!handler) throw new Error(`${file} exports no ${e.method}`);
  return handler;
}

/** `count` calls of `task`, at most `width` at a time. */
export async function inBatches(
  count: number,
  width: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

export async function startInProcessConsole(): Promise<InProcessConsole> {
  const dir = makeTempDir('bench-console');
  let sandbox: ReadyChild | undefined;
  try {
    sandbox = await startReadyChild([runTs, sandboxEntry, dir.path]);
    // Shared keep-alive agent, as the console's loadKubeConfig() does in production.
    const admin = new KubeConfig();
    admin.loadFromFile(join(dir.path, 'kubeconfig'));
    shareAgent(admin);
    const ownAgentAdmin = new KubeConfig();
    ownAgentAdmin.loadFromFile(join(dir.path, 'kubeconfig'));
    const extensions = admin.makeApiClient(ApiextensionsV1Api);
    // The sandbox serves Applications already; ReleaseJobs come with Aviary's install.
    await extensions.createCustomResourceDefinition({
      body: releaseJobCrd() as unknown as V1CustomResourceDefinition,
    });
    await applyAviaryRbac(admin);
    await ensureAccountStore(admin, 'aviary-system');
    const context = createConsoleContext(
      parseConsoleConfig({
        AVIARY_SESSION_SECRET: 'a-bench-secret-that-is-long-enough-0123456789',
      }),
      admin,
    );
    setConsoleContext(context);
    const accounts = new AccountStore(admin, 'aviary-system');
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    const handlers = new Map<Endpoint, Promise<RouteHandler>>();
    const started = sandbox;

    const call: InProcessConsole['call'] = async (e, options = {}) => {
      const headers = new Headers();
      if (e.method !== 'GET') headers.set('origin', origin);
      if (options.body !== undefined) headers.set('content-type', 'application/json');
      if (options.cookie) headers.set('cookie', options.cookie);
      const request = new Request(new URL(pathOf(e, options.params), origin), {
        method: e.method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      let handler = handlers.get(e);
      if (!handler) handlers.set(e, (handler = loadHandler(e)));
      return (await handler)(request, { params: Promise.resolve(options.params ?? {}) });
    };

    return {
      admin,
      ownAgentAdmin,
      sandbox: started,
      accounts,
      call,
      async addMember(username, namespace, role) {
        await accounts.create(username, 'user', password);
        await rbac.createNamespacedRoleBinding({
          namespace,
          body: {
            metadata: {
              name: memberBindingName(username),
              labels: { 'app.kubernetes.io/managed-by': 'aviary' },
            },
            roleRef: {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: clusterRoleOfProjectRole[role],
            },
            subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: username }],
          },
        });
      },
      async signIn(username) {
        const response = await call(endpoints.signIn, { body: { username, password } });
        if (response.status !== 200)
          throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
        return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      },
      async dispose() {
        setConsoleContext(undefined);
        // Bounded: a sandbox still holding the console's connections gets SIGKILL after 5 s.
        const killer = setTimeout(() => started.child.kill('SIGKILL'), 5_000);
        await started.stop();
        clearTimeout(killer);
        dir.remove();
      },
    };
  } catch (error) {
    await sandbox?.stop();
    dir.remove();
    throw error;
  }
}
