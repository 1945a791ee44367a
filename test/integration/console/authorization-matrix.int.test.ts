import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '@/lib/domain/api/api-error-schema';
import type { Endpoint } from '@/lib/domain/api/endpoint';
import { allEndpoints, endpoints, type EndpointId } from '@/lib/domain/api/endpoints';
import {
  cookieOf,
  password,
  routeFileOf,
  startConsoleFixture,
  type CallOptions,
  type CastMember,
  type ConsoleFixture,
} from './console-fixture';
import {
  application,
  clusterSnapshot,
  freshAccount,
  freshMember,
  injectionOf,
  project,
  seedApplication,
} from './console-targets';

/**
 * Who may call what: every endpoint of the catalog, called by each kind of person, must answer
 * exactly its success status (allow) or refuse (deny: 401 signed out, 403 signed in). The table
 * is written by hand from deploy/rbac.yaml's roles, not derived from the catalog, so a change of
 * either shows up here; an endpoint without a row fails.
 */

const people = [
  'signedOut',
  'viewer',
  'operator',
  'project-admin',
  'admin',
  'outsider',
] as const satisfies readonly ('signedOut' | CastMember)[];
type Person = (typeof people)[number];

const A = 'allow';
const D = 'deny';
type Verdict = typeof A | typeof D;
type Row = readonly [Verdict, Verdict, Verdict, Verdict, Verdict, Verdict];

// prettier-ignore
const expected: Partial<Record<EndpointId, Row>> = {
  //                  signed out viewer operator project-admin admin outsider (operator of team-b)
  signIn:            [A,         A,     A,       A,            A,    A],
  signOut:           [A,         A,     A,       A,            A,    A],
  me:                [D,         A,     A,       A,            A,    A],
  // The account store is the console's own: platform admins only, whatever the project roles.
  listUsers:         [D,         D,     D,       D,            A,    D],
  createUser:        [D,         D,     D,       D,            A,    D],
  updateUser:        [D,         D,     D,       D,            A,    D],
  resetUserPassword: [D,         D,     D,       D,            A,    D],
  deleteUser:        [D,         D,     D,       D,            A,    D],
  // Everyone signed in lists projects, each seeing their own (checked below); namespaces are
  // created by platform admins only (no project role grants namespaces create).
  listProjects:      [D,         A,     A,       A,            A,    A],
  createProject:     [D,         D,     D,       D,            A,    D],
  // Every project role reads services, deployments and pods; a member of team-b none of them.
  getProject:        [D,         A,     A,       A,            A,    D],
  getProjectAccess:  [D,         A,     A,       A,            A,    D],
  projectEvents:     [D,         A,     A,       A,            A,    D],
  // deployments patch: aviary-project-operator and aviary-project-admin.
  setGovernance:     [D,         D,     A,       A,            A,    D],
  // rolebindings get/list/create/delete: aviary-project-admin only.
  listMembers:       [D,         D,     D,       A,            A,    D],
  inviteMember:      [D,         D,     D,       A,            A,    D],
  changeMemberRole:  [D,         D,     D,       A,            A,    D],
  removeMember:      [D,         D,     D,       A,            A,    D],
  healthz:           [A,         A,     A,       A,            A,    A],
  setLocale:         [A,         A,     A,       A,            A,    A],
  openApi:           [A,         A,     A,       A,            A,    A],
};

/** A lowercase DNS-label slug for names made per cell. */
const slug = (who: Person) => (who === 'signedOut' ? 'anon' : who);

let f: ConsoleFixture;

/**
 * How each endpoint is called in a cell: a request that would succeed for someone allowed, with
 * its own fresh target where the call changes or removes something.
 */
const requests: Partial<Record<EndpointId, (who: Person) => Promise<CallOptions>>> = {
  signIn: async (who) => ({
    body: { username: who === 'signedOut' ? 'viewer' : who, password },
  }),
  // A session of its own, so the cell ends no session the other cells use.
  signOut: async (who) => (who === 'signedOut' ? {} : { cookie: await newSession(who) }),
  me: async () => ({}),
  listUsers: async () => ({}),
  createUser: async (who) => ({ body: { username: `new-${slug(who)}` } }),
  updateUser: async (who) => ({
    params: { username: await freshAccount(f, `role-${slug(who)}`) },
    body: { platformRole: 'admin' },
  }),
  resetUserPassword: async (who) => ({
    params: { username: await freshAccount(f, `reset-${slug(who)}`) },
    body: {},
  }),
  deleteUser: async (who) => ({ params: { username: await freshAccount(f, `gone-${slug(who)}`) } }),
  listProjects: async () => ({}),
  createProject: async (who) => ({ body: { name: `made-by-${slug(who)}` } }),
  getProject: async () => ({ params: { ns: project } }),
  getProjectAccess: async () => ({ params: { ns: project } }),
  projectEvents: async () => ({ params: { ns: project } }),
  // The opposite of what is set, so that every allowed cell really patches the Deployment.
  setGovernance: async () => ({
    params: { ns: project, app: application },
    body: { enabled: (await injectionOf(f)) !== 'true' },
  }),
  listMembers: async () => ({ params: { ns: project } }),
  inviteMember: async (who) => ({
    params: { ns: project },
    body: { username: await freshAccount(f, `invited-${slug(who)}`), role: 'viewer' },
  }),
  changeMemberRole: async (who) => ({
    params: { ns: project, username: await freshMember(f, `promoted-${slug(who)}`) },
    body: { role: 'operator' },
  }),
  removeMember: async (who) => ({
    params: { ns: project, username: await freshMember(f, `removed-${slug(who)}`) },
  }),
  healthz: async () => ({}),
  setLocale: async () => ({ body: { locale: 'zh-CN' } }),
  openApi: async () => ({}),
};

async function newSession(who: CastMember): Promise<string> {
  const response = await f.call(endpoints.signIn, { body: { username: who, password } });
  expect(response.status).toBe(200);
  return cookieOf(response);
}

/** Calls `e` as `who`; for a stream, reads its first chunk and then hangs up. */
async function callAs(
  e: Endpoint,
  who: Person,
): Promise<{ status: number; body: unknown; unchanged: () => Promise<boolean> }> {
  const build = requests[e.id as EndpointId];
  if (!build) throw new Error(`no request for ${e.id} in the matrix: add one`);
  const options = await build(who);
  const cookie = options.cookie ?? (who === 'signedOut' ? undefined : await f.signIn(who));
  const before = await clusterSnapshot(f);
  const unchanged = async () => JSON.stringify(await clusterSnapshot(f)) === JSON.stringify(before);
  const abort = new AbortController();
  const response = await f.call(e, {
    ...options,
    ...(cookie ? { cookie } : {}),
    signal: abort.signal,
  });
  try {
    if (e.stream && response.status === 200) {
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain(': connected');
      abort.abort();
      await reader.cancel();
      return { status: response.status, body: undefined, unchanged };
    }
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, unchanged };
  } finally {
    abort.abort();
  }
}

beforeAll(async () => {
  f = await startConsoleFixture();
  await seedApplication(f);
  for (const who of people) if (who !== 'signedOut') await f.signIn(who);
});
afterAll(async () => f?.dispose());

describe('authorization matrix', () => {
  it('has a row for every endpoint of the catalog and none for endpoints that do not exist', () => {
    const ids = allEndpoints.map((e) => e.id).sort();
    expect(Object.keys(expected).sort()).toEqual(ids);
    expect(Object.keys(requests).sort()).toEqual(ids);
  });

  describe.each(allEndpoints.map((e) => [e.id, e] as const))('%s', (id, e) => {
    it.each(people.map((who, column) => [who, column] as const))('as %s', async (who, column) => {
      const row = expected[id as EndpointId];
      if (!row) throw new Error(`no row for ${id} in the authorization matrix: add one`);
      const verdict = row[column]!;
      const { status, body, unchanged } = await callAs(e, who);
      if (verdict === 'allow') {
        expect(status, JSON.stringify(body)).toBe(e.successStatus ?? 200);
        // The answer is what the catalog (and so the OpenAPI document) says it is.
        if (e.result) e.result.parse(body);
      } else {
        const refusal = who === 'signedOut' ? 401 : 403;
        expect(status, JSON.stringify(body)).toBe(refusal);
        expect(apiErrorSchema.parse(body).error.code).toBe(
          refusal === 401 ? 'Unauthorized' : 'Forbidden',
        );
        // A refusal changes nothing: no account, binding, namespace or Deployment touched.
        expect(await unchanged(), 'the cluster changed').toBe(true);
      }
    });
  });

  it('lists for each person exactly the projects they have a role in (all for platform admins)', async () => {
    const names = async (who: CastMember) => {
      const response = await f.call(endpoints.listProjects, { cookie: await f.signIn(who) });
      return ((await response.json()) as { items: { name: string }[] }).items.map((p) => p.name);
    };
    for (const who of ['viewer', 'operator', 'project-admin'] as const) {
      expect(await names(who)).toEqual(['demo-project']);
    }
    expect(await names('outsider')).toEqual(['team-b']);
    const all = (await f.kc.makeApiClient(CoreV1Api).listNamespace()).items.map(
      (ns) => ns.metadata!.name!,
    );
    const adminSees = await names('admin');
    expect(adminSees).toEqual(expect.arrayContaining(['demo-project', 'team-b', 'made-by-admin']));
    expect(adminSees.every((name) => all.includes(name))).toBe(true);
    expect(
      adminSees.filter((name) => name === 'aviary-system' || name.startsWith('kube-')),
    ).toEqual([]);
  });
});

describe('route files', () => {
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

  function routeFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return routeFiles(path);
      return entry.name === 'route.ts' ? [path] : [];
    });
  }

  it('export exactly the catalog: each endpoint a handler, each handler an endpoint', async () => {
    const root = join(import.meta.dirname, '../../..');
    const exported = new Set<string>();
    for (const file of routeFiles(join(root, 'app/api'))) {
      const path = relative(root, file);
      const routeModule = (await import(/* @vite-ignore */ `@/${path}`)) as Record<string, unknown>;
      for (const method of methods) {
        if (typeof routeModule[method] === 'function') exported.add(`${method} ${path}`);
      }
    }
    const catalog = new Set(allEndpoints.map((e) => `${e.method} ${routeFileOf(e)}`));
    expect([...exported].sort()).toEqual([...catalog].sort());
  });
});
