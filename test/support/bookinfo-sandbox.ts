import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { seededRandom } from '@/lib/domain/istio';
import { resources, type ClusterClient } from '@/lib/sandbox/apiserver/cluster-client';
import type { KubeObject, ResourceRef } from '@/lib/sandbox/apiserver/types';
import { demoNamespace } from '@/lib/sandbox/demo/demo-seed';
import { istioResources } from '@/lib/sandbox/mesh/mesh-config';
import { startSandbox, type Sandbox } from '@/lib/sandbox/sandbox';
import { reviewsSeenOnPage, type ReviewsSeen } from '@/lib/sandbox/traffic/reviews-version';
import { makeTempDir } from './temp-dir';
import { waitFor } from './wait-for';

/**
 * The whole sandbox on free ports with the demo project seeded (Bookinfo v1 behind the gateway),
 * plus what the Bookinfo tests do to it: add reviews versions from the sample's manifest, route
 * reviews, read productpage as a person does.
 */
export interface BookinfoSandbox {
  sandbox: Sandbox;
  client: ClusterClient;
  pageUrl: string;
  page(
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: string; seen: ReviewsSeen }>;
  /** Creates the Deployments of these reviews versions from Bookinfo's manifest and waits for their pods in the Endpoints. */
  addReviewsVersions(versions: string[]): Promise<void>;
  /** Creates or replaces an object in demo-project. */
  apply(ref: ResourceRef, object: KubeObject): KubeObject;
  /** The `reviews` VirtualService: all traffic by weight over subsets, e.g. `[['v2', 100]]`. */
  routeReviews(weights: Array<[string, number]>): KubeObject;
  /** Pod names behind the Endpoints of `service` (ready addresses only). */
  endpointPods(service: string): string[];
  dispose(): Promise<void>;
}

const bookinfoYaml = new URL('../../lib/sandbox/assets/bookinfo/bookinfo.yaml', import.meta.url);

function bookinfoObjects(): KubeObject[] {
  return parseAllDocuments(readFileSync(bookinfoYaml, 'utf8'))
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

export async function startBookinfoSandbox(
  seed: number,
  options: { allowExec?: boolean } = {},
): Promise<BookinfoSandbox> {
  const dir = makeTempDir('bookinfo');
  const sandbox = await startSandbox({
    dataDir: dir.path,
    ports: { api: 0, gateway: 0, jaeger: 0, otlp: 0, metrics: 0 },
    seedDemo: true,
    random: seededRandom(seed),
    ...(options.allowExec ? { allowExec: true } : {}),
  });
  const client = sandbox.cluster.client;
  const pageUrl = `${sandbox.urls.gateway}/productpage`;

  const page: BookinfoSandbox['page'] = async (headers = {}) => {
    const response = await fetch(pageUrl, { headers, signal: AbortSignal.timeout(10_000) });
    const body = await response.text();
    return { status: response.status, body, seen: reviewsSeenOnPage(body) };
  };
  const apply: BookinfoSandbox['apply'] = (ref, object) => {
    const metadata = { ...object.metadata, namespace: demoNamespace };
    const existing = client.get(ref, demoNamespace, metadata.name!);
    return existing
      ? client.update(ref, {
          ...object,
          metadata: { ...metadata, resourceVersion: existing.metadata.resourceVersion },
        })
      : client.create(ref, { ...object, metadata });
  };
  const endpointPods: BookinfoSandbox['endpointPods'] = (service) => {
    const endpoints = client.get(resources.endpoints, demoNamespace, service) as
      { subsets?: Array<{ addresses?: Array<{ targetRef?: { name?: string } }> }> } | undefined;
    return (endpoints?.subsets ?? [])
      .flatMap((subset) => subset.addresses ?? [])
      .map((address) => address.targetRef?.name ?? '');
  };

  try {
    // The seed's pods start after the sandbox returns: wait for a whole page (details and reviews v1).
    await waitFor(
      async () => {
        const answer = await page();
        return (
          answer.status === 200 &&
          answer.seen === 'v1' &&
          !answer.body.includes('Error fetching product details')
        );
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'Bookinfo v1 through the gateway' },
    );
  } catch (error) {
    await sandbox.stop();
    dir.remove();
    throw error;
  }

  return {
    sandbox,
    client,
    pageUrl,
    page,
    apply,
    endpointPods,
    async addReviewsVersions(versions) {
      const deployments = bookinfoObjects().filter(
        (object) =>
          object.kind === 'Deployment' &&
          object.metadata.labels?.app === 'reviews' &&
          versions.includes(object.metadata.labels?.version ?? ''),
      );
      if (deployments.length !== versions.length)
        throw new Error(
          `bookinfo.yaml has no reviews Deployment for some of ${versions.join(', ')}`,
        );
      for (const deployment of deployments) apply(resources.deployments, deployment);
      await waitFor(
        () =>
          versions.every((version) =>
            endpointPods('reviews').some((pod) => pod.startsWith(`reviews-${version}-`)),
          ),
        {
          timeoutMs: 30_000,
          what: `reviews ${versions.join(', ')} ready in the Endpoints of reviews`,
        },
      );
    },
    routeReviews(weights) {
      return apply(istioResources.virtualServices, {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'reviews' },
        spec: {
          hosts: ['reviews'],
          http: [
            {
              route: weights.map(([subset, weight]) => ({
                destination: { host: 'reviews', subset },
                weight,
              })),
            },
          ],
        },
      });
    },
    async dispose() {
      await sandbox.stop();
      dir.remove();
    },
  };
}

/**
 * A Bookinfo sandbox with reviews v2 deployed and taking all of reviews' traffic, returned once
 * productpage shows v2's reviews.
 */
export async function startBookinfoSandboxOnReviewsV2(seed: number): Promise<BookinfoSandbox> {
  const bookinfo = await startBookinfoSandbox(seed);
  await bookinfo.addReviewsVersions(['v2']);
  bookinfo.routeReviews([['v2', 100]]);
  await waitFor(async () => (await bookinfo.page()).seen === 'v2', {
    timeoutMs: 20_000,
    what: 'pages showing reviews v2',
  });
  return bookinfo;
}
