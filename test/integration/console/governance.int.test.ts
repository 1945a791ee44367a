import { AppsV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '@/lib/domain/api/endpoints';
import type { ProjectOverview } from '@/lib/domain/projects';
import { seedDemoAccounts } from '@/lib/server/accounts/demo-accounts';
import { parseConsoleConfig } from '@/lib/server/console/console-config';
import { createConsoleContext, setConsoleContext } from '@/lib/server/console/console-context';
import { startBookinfoSandbox, type BookinfoSandbox } from '../../support/bookinfo-sandbox';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';
import { cookieOf, loadHandler, origin } from './console-fixture';

/**
 * Application governance and the live stream, through the console's route handlers against the
 * whole sandbox with Bookinfo running: project-regular (the demo's operator) switches sidecar
 * injection off and on for bookinfo and sees its pods come back accordingly.
 */

let b: BookinfoSandbox;
let kc: KubeConfig;
let cookie: string;
const dir = makeTempDir('console-governance');

async function call(
  e: (typeof endpoints)[keyof typeof endpoints],
  options: {
    params?: Record<string, string>;
    body?: unknown;
    signal?: AbortSignal;
    query?: Record<string, string>;
  } = {},
) {
  const url = new URL(
    e.path.replace(/\{(\w+)\}/g, (_, k: string) => options.params?.[k] ?? ''),
    origin,
  );
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers({ cookie, origin });
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  const request = new Request(url, {
    method: e.method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return (await loadHandler(e))(request, { params: Promise.resolve(options.params ?? {}) });
}

const overview = async () =>
  (await (
    await call(endpoints.getProject, { params: { ns: 'demo-project' } })
  ).json()) as ProjectOverview;
const bookinfo = (o: ProjectOverview) => o.applications.find((a) => a.name === 'bookinfo')!;
const sidecars = (o: ProjectOverview) =>
  bookinfo(o).services.flatMap((s) =>
    s.versions.map((v) => `${v.deployment}:${v.podsWithSidecar}/${v.podCount}`),
  );

beforeAll(async () => {
  b = await startBookinfoSandbox(7);
  kc = new KubeConfig();
  kc.loadFromFile(b.sandbox.urls.kubeconfig);
  const { credentials } = await seedDemoAccounts(kc, {
    dataDir: dir.path,
    project: 'demo-project',
  });
  setConsoleContext(
    createConsoleContext(
      parseConsoleConfig({ AVIARY_SESSION_SECRET: 'governance-test-secret-0123456789abcdef' }),
      kc,
    ),
  );
  const signIn = await (
    await loadHandler(endpoints.signIn)
  )(
    new Request(new URL('/api/auth/sign-in', origin), {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'project-regular',
        password: credentials['project-regular'],
      }),
    }),
    { params: Promise.resolve({}) },
  );
  expect(signIn.status).toBe(200);
  cookie = cookieOf(signIn);
}, 120_000);

afterAll(async () => {
  setConsoleContext(undefined);
  await b?.dispose();
  dir.remove();
});

describe('application governance', () => {
  it('shows Bookinfo governed: every pod carries a sidecar', async () => {
    const o = await waitFor(
      async () => {
        const current = await overview();
        const app = current.applications.find((a) => a.name === 'bookinfo');
        return app && !app.governanceInProgress && app.services.length === 4 ? current : undefined;
      },
      { timeoutMs: 30_000, what: 'bookinfo governed and ready' },
    );
    expect(bookinfo(o).governance).toBe('on');
    expect(sidecars(o)).toEqual([
      'details-v1:1/1',
      'productpage-v1:1/1',
      'ratings-v1:1/1',
      'reviews-v1:1/1',
    ]);
  });

  it('off: the workloads restart without sidecars; on: with them again', async () => {
    const off = await call(endpoints.setGovernance, {
      params: { ns: 'demo-project', app: 'bookinfo' },
      body: { enabled: false },
    });
    expect(off.status).toBe(200);
    expect((await off.json()).deployments).toEqual([
      'details-v1',
      'productpage-v1',
      'ratings-v1',
      'reviews-v1',
    ]);
    const template = await kc
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'reviews-v1', namespace: 'demo-project' });
    expect(template.spec?.template.metadata?.labels?.['sidecar.istio.io/inject']).toBe('false');
    const ungoverned = await waitFor(
      async () => {
        const current = await overview();
        const app = bookinfo(current);
        return app.governance === 'off' &&
          !app.governanceInProgress &&
          sidecars(current).every((s) => s.endsWith(':0/1'))
          ? current
          : undefined;
      },
      { timeoutMs: 60_000, what: 'bookinfo pods without sidecars' },
    );
    expect(bookinfo(ungoverned).governance).toBe('off');

    const on = await call(endpoints.setGovernance, {
      params: { ns: 'demo-project', app: 'bookinfo' },
      body: { enabled: true },
    });
    expect(on.status).toBe(200);
    await waitFor(
      async () => {
        const current = await overview();
        const app = bookinfo(current);
        return (
          app.governance === 'on' &&
          !app.governanceInProgress &&
          sidecars(current).every((s) => s.endsWith(':1/1'))
        );
      },
      { timeoutMs: 60_000, what: 'bookinfo pods with sidecars again' },
    );
  });
});

describe('the live stream', () => {
  it('sends a replica change made with another client within 2 s, as the signed-in person', async () => {
    const start = await overview();
    const abort = new AbortController();
    const response = await call(endpoints.projectEvents, {
      params: { ns: 'demo-project' },
      query: { cursor: start.cursor },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const started = Date.now();
    await kc
      .makeApiClient(AppsV1Api)
      .patchNamespacedDeployment(
        { name: 'details-v1', namespace: 'demo-project', body: { spec: { replicas: 2 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    while (!/"name":"details-v1"[^\n]*"replicas":2/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    const event = text
      .split('\n\n')
      .find((e) => e.includes('"details-v1"') && e.includes('"replicas":2'))!;
    expect(event).toMatch(/^event: change\nid: [A-Za-z]+=\d+/m);
    abort.abort();
  });
});
