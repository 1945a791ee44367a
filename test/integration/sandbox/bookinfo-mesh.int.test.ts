import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '@/lib/sandbox/apiserver/cluster-client';
import { demoNamespace } from '@/lib/sandbox/demo/demo-seed';
import { istioResources } from '@/lib/sandbox/mesh/mesh-config';
import { signInToBookinfo } from '@/lib/sandbox/traffic/bookinfo-login';
import { networkingDir, readObjects } from '@/test/support/bookinfo-fixtures';
import { startBookinfoSandbox, type BookinfoSandbox } from '@/test/support/bookinfo-sandbox';
import { waitFor } from '@/test/support/wait-for';

/**
 * Bookinfo in the whole sandbox, checked as a person checks it: through the gateway, by the stars
 * on the page, with pods that come and go, and through the Jaeger and Prometheus APIs.
 */
describe('Bookinfo on the sandbox mesh', () => {
  let bookinfo: BookinfoSandbox;

  beforeAll(async () => {
    bookinfo = await startBookinfoSandbox(5);
    await bookinfo.addReviewsVersions(['v2', 'v3']);
  });
  afterAll(() => bookinfo?.dispose());

  /** Routes every reviews request to `version` and waits until pages show it; returns the next pages. */
  async function pagesWithReviews(version: string, count = 10) {
    bookinfo.routeReviews([[version, 100]]);
    await waitFor(async () => (await bookinfo.page()).seen === version, {
      what: `pages showing reviews ${version}`,
    });
    return Promise.all(Array.from({ length: count }, () => bookinfo.page()));
  }

  it.each([
    ['v1', 'no stars', 0, undefined],
    ['v2', 'black stars', 9, 'black'],
    ['v3', 'red stars', 9, 'red'],
  ])(
    'reviews %s shows %s on productpage through the gateway',
    async (version, _, filledStars, color) => {
      const pages = await pagesWithReviews(version);
      for (const answer of pages) {
        expect(answer.status).toBe(200);
        expect(answer.seen).toBe(version);
        // Two reviewers rated 5 and 4 by ratings v1: 9 filled glyphs, and empty ones up to 5 each.
        expect(answer.body.match(/glyphicon-star"/g)?.length ?? 0).toBe(filledStars);
        expect(answer.body.match(/glyphicon-star(-empty)?"/g)?.length ?? 0).toBe(
          filledStars ? 10 : 0,
        );
        if (color) expect(answer.body).toContain(`<font color="${color}">`);
        expect(answer.body).toMatch(
          new RegExp(`Reviews served by:</dt>\\s*<u>reviews-${version}-`),
        );
      }
    },
  );

  it("routes a signed-in jason to v2 and everyone else to v1 (Istio's request-routing task)", async () => {
    const [routes] = readObjects(`${networkingDir}/virtual-service-reviews-test-v2.yaml`);
    bookinfo.apply(istioResources.virtualServices, routes!);
    const cookie = await signInToBookinfo(bookinfo.pageUrl, 'jason');
    const asJason = await waitFor(
      async () => {
        const answer = await bookinfo.page({ cookie });
        return answer.seen === 'v2' && answer;
      },
      { what: 'jason seeing reviews v2' },
    );
    expect(asJason.body).toContain('jason');
    const anonymous = await Promise.all(Array.from({ length: 5 }, () => bookinfo.page()));
    expect(anonymous.map((answer) => answer.seen)).toEqual(Array(5).fill('v1'));
    const asOther = await bookinfo.page({
      cookie: await signInToBookinfo(bookinfo.pageUrl, 'alice'),
    });
    expect(asOther.seen).toBe('v1');
  });

  it('brings a new pod when one is deleted, and the Endpoints follow', async () => {
    const before = bookinfo.endpointPods('ratings');
    expect(before).toHaveLength(1);
    const [deleted] = before;
    bookinfo.client.delete(resources.pods, demoNamespace, deleted!);
    const after = await waitFor(
      () => {
        const pods = bookinfo.endpointPods('ratings');
        return pods.length === 1 && pods[0] !== deleted && pods;
      },
      { timeoutMs: 20_000, what: 'a new ratings pod in the Endpoints' },
    );
    expect(bookinfo.client.get(resources.pods, demoNamespace, after[0]!)).toMatchObject({
      status: { phase: 'Running' },
    });
    // The replacement serves: reviews v2 shows stars again (not "ratings unavailable").
    const pages = await pagesWithReviews('v2', 5);
    expect(pages.map((answer) => answer.seen)).toEqual(Array(5).fill('v2'));
  });

  it('gives one trace for one productpage request, with spans from every service it touched', async () => {
    await pagesWithReviews('v3', 1);
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const parent = 'b7ad6b7169203331';
    const answer = await bookinfo.page({ traceparent: `00-${traceId}-${parent}-01` });
    expect(answer.seen).toBe('v3');
    const expected = [
      'istio-ingressgateway.istio-system',
      ...['productpage', 'details', 'reviews', 'ratings'].flatMap((app) => [
        app,
        `${app}.${demoNamespace}`,
      ]),
    ];
    type Trace = {
      traceID: string;
      spans: Array<{ spanID: string; references: Array<{ spanID: string }>; processID: string }>;
      processes: Record<string, { serviceName: string }>;
    };
    const trace = await waitFor(
      async () => {
        const response = await fetch(`${bookinfo.sandbox.urls.jaeger}/api/traces/${traceId}`);
        if (response.status !== 200) return undefined;
        const [found] = ((await response.json()) as { data: Trace[] }).data;
        const services = new Set(
          found!.spans.map((span) => found!.processes[span.processID]!.serviceName),
        );
        return expected.every((service) => services.has(service)) && found;
      },
      { timeoutMs: 15_000, what: `trace ${traceId} with spans of ${expected.join(', ')}` },
    );
    expect(trace.traceID).toBe(traceId);
    const services = new Set(Object.values(trace.processes).map((process) => process.serviceName));
    expect([...services].sort()).toEqual([...expected].sort());
    // One tree: every span's parent is in the trace, except the gateway's, whose parent is ours.
    const ids = new Set(trace.spans.map((span) => span.spanID));
    const roots = trace.spans.filter(
      (span) => !span.references.every((reference) => ids.has(reference.spanID)),
    );
    expect(roots).toHaveLength(1);
    expect(roots[0]!.references[0]!.spanID).toBe(parent);
    expect(trace.processes[roots[0]!.processID]!.serviceName).toBe(
      'istio-ingressgateway.istio-system',
    );
  });

  it('answers 503 UH for a subset with no ready pod: productpage degrades, the metric says why', async () => {
    const deployment = bookinfo.client.get(resources.deployments, demoNamespace, 'reviews-v2')!;
    bookinfo.client.update(resources.deployments, {
      ...deployment,
      spec: { ...(deployment.spec as object), replicas: 0 },
    });
    await waitFor(
      () => !bookinfo.endpointPods('reviews').some((pod) => pod.startsWith('reviews-v2-')),
      { timeoutMs: 20_000, what: 'reviews-v2 gone from the Endpoints' },
    );
    bookinfo.routeReviews([['v2', 100]]);
    const degraded = await waitFor(
      async () => {
        const answer = await bookinfo.page();
        return answer.seen === 'reviews-unavailable' && answer;
      },
      { what: 'productpage without reviews' },
    );
    expect(degraded.status).toBe(200);
    expect(degraded.body).toContain(
      'Sorry, product reviews are currently unavailable for this book.',
    );
    expect(degraded.body).not.toContain('Error fetching product details');

    const query = `sum(istio_requests_total{reporter="source",source_workload="productpage-v1",destination_service_name="reviews",response_code="503",response_flags="UH"})`;
    const uh = await waitFor(
      async () => {
        const response = await fetch(
          `${bookinfo.sandbox.urls.metrics}/api/v1/query?query=${encodeURIComponent(query)}`,
        );
        const body = (await response.json()) as {
          data: { result: Array<{ value: [number, string] }> };
        };
        const value = Number(body.data.result[0]?.value[1] ?? 0);
        return value > 0 && value;
      },
      { timeoutMs: 10_000, what: 'istio_requests_total with response_flags="UH"' },
    );
    // productpage tries reviews twice per page.
    expect(uh).toBeGreaterThanOrEqual(2);
  });
});
