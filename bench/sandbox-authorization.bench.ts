/**
 * What RBAC costs a request on the sandbox's API server: p50/p99 of a real HTTPS GET of one
 * ConfigMap with 1,000 RoleBindings in the store, made by a user bound through one of them (and by
 * the console's ServiceAccount impersonating that user, the console's own path), against the same
 * GET by a system:masters user, whom the authorizer allows before looking at any binding.
 *
 * The sandbox runs in this process on a free port of 127.0.0.1 with a temporary data dir, both
 * removed at the end. Identities alternate in blocks over keep-alive connections, one request at a
 * time, so drift in the machine's load hits them alike; counts are fixed, so the run is bounded.
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resources } from '../lib/sandbox/apiserver/cluster-client';
import {
  buildClusterRole,
  buildClusterRoleBinding,
  buildRoleBinding,
  clusterRoleRef,
  groupSubject,
  serviceAccountSubject,
  userSubject,
} from '../lib/sandbox/auth/rbac-builders';
import { serviceAccountGroups, serviceAccountUsername } from '../lib/sandbox/auth/user-info';
import { startSandboxCluster, type SandboxCluster } from '../lib/sandbox/cluster/sandbox-cluster';
import { upsertToken } from '../lib/sandbox/cluster/token-store';
import { addSandboxUser } from '../lib/sandbox/cluster/user-accounts';
import { compared, type BenchRow } from './support/bench-types';
import { percentile } from './support/stats';
import { seededRandom } from '@/lib/domain/istio/seeded-random';

const namespaces = 100;
const roleBindings = 1_000;
const users = 200;
const groups = 50;
const warmupRequests = 300;
const blocks = 10;
const requestsPerBlock = 1_000;

/**
 * 1,000 RoleBindings over 100 namespaces, each binding edit or view to one of 200 users or 50
 * groups; the last one binds the measured user, who is also in a group that other bindings name.
 */
function seedPolicy(cluster: SandboxCluster, user: string): void {
  const random = seededRandom(20240611);
  const pick = (n: number) => Math.floor(random() * n);
  const { client } = cluster;
  for (let i = 0; i < namespaces; i++) {
    client.create(resources.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns-${i}` },
    });
  }
  for (let i = 0; i < roleBindings - 1; i++) {
    const subject =
      i % 5 === 0 ? groupSubject(`team-${pick(groups)}`) : userSubject(`user-${pick(users)}`);
    client.create(
      resources.rolebindings,
      buildRoleBinding(`ns-${i % namespaces}`, `rb-${i}`, clusterRoleRef(i % 2 ? 'edit' : 'view'), [
        subject,
      ]),
    );
  }
  client.create(
    resources.rolebindings,
    buildRoleBinding('ns-7', 'measured-view', clusterRoleRef('view'), [userSubject(user)]),
  );
  client.create(resources.configmaps, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { namespace: 'ns-7', name: 'settings' },
    data: { colour: 'blue' },
  });
  client.create(
    resources.clusterroles,
    buildClusterRole('console-impersonator', [
      { verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'] },
    ]),
  );
  client.create(
    resources.clusterrolebindings,
    buildClusterRoleBinding('console-impersonator', clusterRoleRef('console-impersonator'), [
      serviceAccountSubject('console', 'aviary'),
    ]),
  );
}

interface Caller {
  name: string;
  headers: Record<string, string | string[]>;
}

/** One GET over `agent`; resolves to its duration in ms, rejects on anything but 200. */
function timedGet(
  cluster: SandboxCluster,
  agent: Agent,
  path: string,
  caller: Caller,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(
      new URL(path, cluster.url),
      { agent, ca: cluster.caCertPem, headers: caller.headers, timeout: 5_000 },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - start)
            : reject(new Error(`GET ${path} as ${caller.name} answered ${res.statusCode}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path} as ${caller.name} took over 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

async function sequential(
  cluster: SandboxCluster,
  agent: Agent,
  caller: Caller,
  count: number,
): Promise<number[]> {
  const path = '/api/v1/namespaces/ns-7/configmaps/settings';
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) latencies.push(await timedGet(cluster, agent, path, caller));
  return latencies;
}

export async function run(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aviary-bench-rbac-'));
  const cluster = await startSandboxCluster({ dataDir, apiPort: 0, controllers: false });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const user = 'user-17';
    seedPolicy(cluster, user);
    const userToken = addSandboxUser(dataDir, user, ['team-3']).token;
    const consoleToken = upsertToken(
      dataDir,
      serviceAccountUsername('aviary', 'console'),
      serviceAccountGroups('aviary'),
    ).token;
    const callers: Caller[] = [
      { name: 'system:masters', headers: { authorization: `Bearer ${cluster.adminToken}` } },
      { name: 'bound user', headers: { authorization: `Bearer ${userToken}` } },
      {
        name: 'impersonated',
        headers: {
          authorization: `Bearer ${consoleToken}`,
          'impersonate-user': user,
          'impersonate-group': 'team-3',
        },
      },
    ];

    // The token file is re-read at most every 500 ms: wait (bounded) until both new tokens work.
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        for (const caller of callers) await sequential(cluster, agent, caller, 1);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    for (const caller of callers) await sequential(cluster, agent, caller, warmupRequests);

    const latencies = new Map<string, number[]>(callers.map((caller) => [caller.name, []]));
    for (let block = 0; block < blocks; block++) {
      for (const caller of callers)
        latencies
          .get(caller.name)!
          .push(...(await sequential(cluster, agent, caller, requestsPerBlock)));
    }

    const masters = latencies.get('system:masters')!;
    const rows: BenchRow[] = [];
    for (const [caller, label] of [
      [
        'bound user',
        'GET a ConfigMap with 1,000 RoleBindings, as a user bound by one, vs system:masters',
      ],
      ['impersonated', 'same GET, the console impersonating that user, vs system:masters'],
    ] as const) {
      for (const p of [50, 99]) {
        rows.push(
          compared({
            name: label,
            metric: `p${p} of ${masters.length}`,
            value: percentile(latencies.get(caller)!, p),
            unit: 'ms',
            baseline: percentile(masters, p),
          }),
        );
      }
    }
    return rows;
  } finally {
    agent.destroy();
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
