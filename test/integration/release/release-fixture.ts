import { AppsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { releaseJobCrd, type ReleaseJob, type ReleaseJobSpec } from '@/lib/domain/release';
import type { VirtualService } from '@/lib/domain/istio/types';
import { startReleaseController, type ReleaseController } from '@/lib/server/release/controller';
import { createReleaseJob, getReleaseJob } from '@/lib/server/release/operations';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait-for';

/**
 * A sandbox with the ReleaseJob CRD, a namespace holding a service with a v1 Deployment, and the
 * release controller running against it. No data plane yet: tests read the objects, and the tests
 * that send requests through sidecars join these files once the sandbox mesh lands.
 */

export const ns = 'demo-project';

export interface ReleaseFixture {
  sandbox: SandboxFixture;
  kc: KubeConfig;
  controller: ReleaseController;
  startController(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startReleaseFixture(): Promise<ReleaseFixture> {
  const sandbox = await startSandboxFixture({ extraCrds: [releaseJobCrd() as never] });
  const kc = sandbox.kubeConfig;
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
  const fixture: ReleaseFixture = {
    sandbox,
    kc,
    controller: undefined as unknown as ReleaseController,
    async startController() {
      fixture.controller = await startReleaseController({ kubeConfig: kc, resyncMs: 300, reconcile: { conflictWindowMs: 60_000, conflictThreshold: 3 } });
    },
    async dispose() {
      await fixture.controller?.stop();
      await sandbox.dispose();
    },
  };
  await fixture.startController();
  return fixture;
}

/** A Bookinfo-like service: Service with the given ports and a Deployment `<name>-v1` labelled app/version. */
export async function createService(kc: KubeConfig, name: string, ports: { name: string; port: number }[] = [{ name: 'http', port: 9080 }]): Promise<void> {
  await kc.makeApiClient(CoreV1Api).createNamespacedService({
    namespace: ns,
    body: { metadata: { name, labels: { app: name, service: name } }, spec: { selector: { app: name }, ports: ports.map((p) => ({ ...p, targetPort: p.port as never })) } },
  });
  await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: `${name}-v1`, labels: { app: name, version: 'v1' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name, version: 'v1' } },
        template: { metadata: { labels: { app: name, version: 'v1' } }, spec: { containers: [{ name, image: `docker.io/istio/examples-bookinfo-${name}-v1:1.20.3`, ports: ports.map((p) => ({ containerPort: p.port })) }] } },
      },
    },
  });
}

export function jobSpec(service: string, overrides: Partial<ReleaseJobSpec> = {}): ReleaseJobSpec {
  return { service, mode: 'Canary', stableVersion: 'v1', newVersion: { version: 'v2', image: `docker.io/istio/examples-bookinfo-${service}-v2:1.20.3` }, traffic: { weight: 50 }, ...overrides };
}

export async function createJob(kc: KubeConfig, name: string, spec: ReleaseJobSpec): Promise<ReleaseJob> {
  return createReleaseJob(kc, { namespace: ns, name, spec });
}

/** Waits until the job's status satisfies `check` and every managed route holds its desired weights. */
export async function waitForJob(kc: KubeConfig, name: string, check: (job: ReleaseJob) => boolean, what: string): Promise<ReleaseJob> {
  return waitFor(
    async () => {
      const job = await getReleaseJob(kc, ns, name);
      const applied = (job.status?.traffic ?? []).every((t) => JSON.stringify(t.desired) === JSON.stringify(t.applied));
      return job.status?.observedGeneration === job.metadata.generation && applied && check(job) ? job : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 50, what },
  );
}

const istio = (plural: string) => ({ group: 'networking.istio.io', version: 'v1', namespace: ns, plural });

export async function virtualServices(kc: KubeConfig): Promise<VirtualService[]> {
  return ((await kc.makeApiClient(CustomObjectsApi).listNamespacedCustomObject(istio('virtualservices'))) as { items: VirtualService[] }).items;
}

export async function destinationRules(kc: KubeConfig): Promise<{ metadata: { name: string; annotations?: Record<string, string> }; spec: { subsets?: { name: string }[] } }[]> {
  return ((await kc.makeApiClient(CustomObjectsApi).listNamespacedCustomObject(istio('destinationrules'))) as { items: never[] }).items;
}

export async function createIstio(kc: KubeConfig, plural: string, body: object): Promise<void> {
  await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({ ...istio(plural), body });
}

export async function deploymentNames(kc: KubeConfig): Promise<string[]> {
  return (await kc.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: ns })).items.map((d) => d.metadata!.name!).sort();
}

/** Weight per subset of each route to `service` in a VirtualService. */
export function weightsOf(vs: VirtualService | undefined, service: string): Record<string, number>[] {
  return (vs?.spec.http ?? [])
    .filter((r) => r.route?.some((d) => d.destination.host === service))
    .map((r) => Object.fromEntries(r.route!.map((d) => [d.destination.subset ?? '*', d.weight ?? 100])));
}
