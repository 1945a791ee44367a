/**
 * A hand-run micro-measurement, not a test: how long `authorize()` takes with 1,000 RoleBindings,
 * against a system:masters request. Run: `npx tsx lib/sandbox/auth/measure-authorize.ts`.
 *
 * 1,000 RoleBindings over 100 namespaces, each binding edit or view to one of 200 users and 50
 * groups (seeded, so every run decides the same requests), on top of the aggregated bootstrap
 * policy. Each figure is the distribution of single calls timed with `process.hrtime.bigint()`
 * (whose own cost, some tens of ns, is included).
 */
import { aggregateClusterRoles } from './aggregation';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './bootstrap-policy';
import { createRbacAuthorizer } from './rbac-authorizer';
import { buildRoleBinding, clusterRoleRef, groupSubject, userSubject } from './rbac-builders';
import type { RoleBinding } from './rbac-types';
import { resourceAttributes, type RequestAttributes } from './request-attributes';
import { allAuthenticatedGroup, systemMastersGroup, type UserInfo } from './user-info';
import { seededRandom } from '@/lib/domain/istio/seeded-random';

const random = seededRandom(20240611);
const pick = (n: number) => Math.floor(random() * n);

const roleBindings: RoleBinding[] = [];
for (let i = 0; i < 1000; i++) {
  const namespace = `ns-${i % 100}`;
  const subject = i % 5 === 0 ? groupSubject(`team-${pick(50)}`) : userSubject(`user-${pick(200)}`);
  roleBindings.push(
    buildRoleBinding(namespace, `rb-${i}`, clusterRoleRef(i % 2 ? 'edit' : 'view'), [subject]),
  );
}

const clusterRoles = aggregateClusterRoles(bootstrapClusterRoles());
const clusterRoleBindings = bootstrapClusterRoleBindings();
const buildStart = process.hrtime.bigint();
const authorizer = createRbacAuthorizer({
  roles: [],
  clusterRoles,
  clusterRoleBindings,
  roleBindings,
});
const buildMicros = Number(process.hrtime.bigint() - buildStart) / 1000;

function requests(count: number, user: () => UserInfo): Array<[UserInfo, RequestAttributes]> {
  return Array.from({ length: count }, () => [
    user(),
    resourceAttributes({
      verb: ['get', 'list', 'create', 'delete'][pick(4)]!,
      apiGroup: 'apps',
      resource: 'deployments',
      namespace: `ns-${pick(100)}`,
      name: 'web',
    }),
  ]);
}

function measure(label: string, calls: Array<[UserInfo, RequestAttributes]>): void {
  // One untimed pass first, so the timed one measures optimised code rather than the JIT at work.
  for (const [user, attributes] of calls) authorizer.authorize(user, attributes);
  const nanos: number[] = [];
  let allowed = 0;
  for (const [user, attributes] of calls) {
    const start = process.hrtime.bigint();
    const decision = authorizer.authorize(user, attributes);
    nanos.push(Number(process.hrtime.bigint() - start));
    if (decision.allowed) allowed++;
  }
  nanos.sort((a, b) => a - b);
  const at = (q: number) =>
    (nanos[Math.min(nanos.length - 1, Math.floor(q * nanos.length))]! / 1000).toFixed(2);
  console.log(
    `${label.padEnd(44)} p50 ${at(0.5).padStart(6)} µs   p99 ${at(0.99).padStart(6)} µs   allowed ${allowed}/${calls.length}`,
  );
}

const signedInUser = () => ({
  name: `user-${pick(200)}`,
  groups: [`team-${pick(50)}`, allAuthenticatedGroup],
});
console.log(`index build: ${buildMicros.toFixed(0)} µs for ${roleBindings.length} RoleBindings`);
measure('users with 1,000 RoleBindings in the policy', requests(20000, signedInUser));
measure(
  'a user bound nowhere (full refusal path)',
  requests(20000, () => ({ name: 'stranger', groups: [allAuthenticatedGroup] })),
);
measure(
  'system:masters',
  requests(20000, () => ({
    name: 'loopback',
    groups: [systemMastersGroup, allAuthenticatedGroup],
  })),
);
