/**
 * `GET /api/projects` for a person with 10 role bindings among 1,000 namespaces (goal: 200 ms),
 * against the same two lists (namespaces and RoleBindings of all namespaces) made with the admin
 * kubeconfig straight through client-node, measured in the same run.
 *
 * The route handler runs in this process, called with a Request carrying the session cookie from a
 * real sign-in; the sandbox API server runs in its own process on a free port of 127.0.0.1 with a
 * temporary data dir, both removed at the end. Every namespace also holds one other person's
 * binding, so the RoleBinding list is as long as a real cluster's. Both sides share the console's
 * keep-alive agent. Calls alternate in blocks, one at a time, so drift in the machine's load hits
 * both alike; counts are fixed, so the run is bounded.
 */
import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { endpoints } from '@/lib/domain/api/endpoints';
import { clusterRoleOfProjectRole } from '@/lib/domain/projects';
import { compared, type BenchRow } from './support/bench-types';
import { inBatches, startInProcessConsole } from './support/console-in-process';
import { percentile } from './support/stats';

const namespaces = 1_000;
const memberships = 10;
const createWidth = 16;
const warmupCalls = 10;
const blocks = 5;
const callsPerBlock = 20;
const goalMs = 200;

const nsName = (i: number) => `project-${String(i).padStart(4, '0')}`;

export async function run(): Promise<BenchRow[]> {
  const app = await startInProcessConsole();
  try {
    const core = app.admin.makeApiClient(CoreV1Api);
    const rbac = app.admin.makeApiClient(RbacAuthorizationV1Api);
    await inBatches(namespaces, createWidth, async (i) => {
      await core.createNamespace({
        body: { metadata: { name: nsName(i), labels: { 'istio-injection': 'enabled' } } },
      });
      await rbac.createNamespacedRoleBinding({
        namespace: nsName(i),
        body: {
          metadata: { name: `aviary-member-owner-${i}` },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: clusterRoleOfProjectRole.admin,
          },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: `owner-${i}` }],
        },
      });
    });
    const user = 'bench-member';
    const step = Math.floor(namespaces / memberships);
    await app.addMember(user, nsName(0), 'viewer');
    for (let i = 1; i < memberships; i++) {
      await rbac.createNamespacedRoleBinding({
        namespace: nsName(i * step),
        body: {
          metadata: { name: `aviary-member-${user}` },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: clusterRoleOfProjectRole[i % 2 ? 'operator' : 'viewer'],
          },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
        },
      });
    }
    const cookie = await app.signIn(user);

    const viaRoute = async () => {
      const start = performance.now();
      const response = await app.call(endpoints.listProjects, { cookie });
      const body = (await response.json()) as { items?: unknown[] };
      const ms = performance.now() - start;
      if (response.status !== 200 || body.items?.length !== memberships)
        throw new Error(`GET /api/projects: ${response.status}, ${body.items?.length} projects`);
      return ms;
    };
    const direct = async () => {
      const start = performance.now();
      const [listed, bindings] = await Promise.all([
        core.listNamespace(),
        rbac.listRoleBindingForAllNamespaces(),
      ]);
      const ms = performance.now() - start;
      if (listed.items.length < namespaces || bindings.items.length < namespaces)
        throw new Error(`direct lists: ${listed.items.length}, ${bindings.items.length}`);
      return ms;
    };

    for (let i = 0; i < warmupCalls; i++) {
      await viaRoute();
      await direct();
    }
    const route: number[] = [];
    const baseline: number[] = [];
    for (let block = 0; block < blocks; block++) {
      for (let i = 0; i < callsPerBlock; i++) route.push(await viaRoute());
      for (let i = 0; i < callsPerBlock; i++) baseline.push(await direct());
    }

    const rows: BenchRow[] = [];
    for (const p of [50, 99]) {
      rows.push(
        compared({
          name: `GET /api/projects, 10 bindings among 1,000 namespaces, vs admin lists via client-node`,
          metric: `p${p} of ${route.length}`,
          value: percentile(route, p),
          unit: 'ms',
          baseline: percentile(baseline, p),
        }),
      );
    }
    for (const p of [50, 99]) {
      rows.push(
        compared({
          name: `GET /api/projects vs the ${goalMs} ms goal`,
          metric: `p${p} of ${route.length}`,
          value: percentile(route, p),
          unit: 'ms',
          baseline: goalMs,
        }),
      );
    }
    return rows;
  } finally {
    await app.dispose();
  }
}
