import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '@/lib/sandbox/apiserver/cluster-client';
import type { KubeObject } from '@/lib/sandbox/apiserver/types';
import { demoNamespace } from '@/lib/sandbox/demo/demo-seed';
import {
  startBookinfoSandboxOnReviewsV2,
  type BookinfoSandbox,
} from '@/test/support/bookinfo-sandbox';
import { waitFor } from '@/test/support/wait-for';

/**
 * "Application governance" off for one workload, the way the console switches it: the label
 * `sidecar.istio.io/inject: "false"` on the pod template of its Deployment (the pods restart). As
 * on Istio, the new pods have no sidecar: their own calls go by plain Service load balancing (no
 * VirtualService applies), calls into them from sidecars still arrive through the Service, and
 * nothing reports reporter="destination" for them.
 */
describe('sidecar injection switched per Deployment', () => {
  let bookinfo: BookinfoSandbox;

  beforeAll(async () => {
    bookinfo = await startBookinfoSandboxOnReviewsV2(17);
  });
  afterAll(() => bookinfo?.dispose());

  /** Sets the label on the Deployment's pod template and waits until only new pods serve it. */
  async function setInjection(deploymentName: string, app: string, inject: 'true' | 'false') {
    const deployment = bookinfo.client.get(resources.deployments, demoNamespace, deploymentName)!;
    const spec = deployment.spec as { template: { metadata: { labels: Record<string, string> } } };
    const before = new Set(bookinfo.endpointPods(app));
    bookinfo.client.update(resources.deployments, {
      ...deployment,
      spec: {
        ...spec,
        template: {
          ...spec.template,
          metadata: {
            ...spec.template.metadata,
            labels: { ...spec.template.metadata.labels, 'sidecar.istio.io/inject': inject },
          },
        },
      },
    } as KubeObject);
    return waitFor(
      () => {
        const pods = bookinfo.endpointPods(app);
        return pods.length > 0 && pods.every((pod) => !before.has(pod)) && pods;
      },
      { timeoutMs: 30_000, what: `${deploymentName} pods restarted with inject=${inject}` },
    );
  }

  /** istio_requests_total summed per reporter for one destination workload, from /metrics. */
  async function requestsTo(workload: string): Promise<Record<string, number>> {
    const text = await (await fetch(`${bookinfo.sandbox.urls.metrics}/metrics`)).text();
    const sums: Record<string, number> = { source: 0, destination: 0 };
    for (const line of text.split('\n')) {
      if (!line.startsWith('istio_requests_total{')) continue;
      if (!line.includes(`destination_workload="${workload}"`)) continue;
      const reporter = /reporter="(\w+)"/.exec(line)?.[1] ?? '';
      sums[reporter] = (sums[reporter] ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return sums;
  }

  it('a callee without a sidecar is still reached through its Service, and reports nothing itself', async () => {
    const [pod] = await setInjection('details-v1', 'details', 'false');
    const podObject = bookinfo.client.get(resources.pods, demoNamespace, pod!)!;
    expect(podObject.metadata.labels?.['sidecar.istio.io/inject']).toBe('false');
    const before = await requestsTo('details-v1');
    for (let page = 0; page < 10; page++) {
      const answer = await bookinfo.page();
      expect(answer.status).toBe(200);
      expect(answer.body).not.toContain('Error fetching product details');
    }
    const after = await waitFor(
      async () => {
        const now = await requestsTo('details-v1');
        return now.source! >= before.source! + 10 && now;
      },
      { what: 'productpage sidecar reporting its calls to details' },
    );
    expect(after.destination).toBe(before.destination);
  });

  it('a caller without a sidecar goes by plain Service load balancing: the VirtualService no longer applies', async () => {
    await setInjection('productpage-v1', 'productpage', 'false');
    const seen = new Set<string>();
    await waitFor(
      async () => {
        seen.add((await bookinfo.page()).seen);
        return seen.has('v1') && seen.has('v2');
      },
      { timeoutMs: 20_000, what: 'reviews v1 and v2 both serving a sidecar-less productpage' },
    );
    expect([...seen].sort()).toEqual(['v1', 'v2']);
    const before = await requestsTo('productpage-v1');
    await bookinfo.page();
    const after = await waitFor(
      async () => {
        const now = await requestsTo('productpage-v1');
        return now.source! > before.source! && now;
      },
      { what: 'the gateway reporting its request to productpage' },
    );
    expect(after.destination).toBe(before.destination);
  });

  it('turning injection back on routes by the VirtualService again', async () => {
    await setInjection('productpage-v1', 'productpage', 'true');
    const pages = await Promise.all(Array.from({ length: 10 }, () => bookinfo.page()));
    expect(pages.map((answer) => answer.seen)).toEqual(Array(10).fill('v2'));
  });
});
