import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseJob } from '@/lib/domain/release';
import { getReleaseJob } from '@/lib/server/release/operations';
import { waitFor } from '../../support/wait-for';
import {
  countPages,
  createJob,
  inboundRequests,
  loadPage,
  ns,
  startDataPlaneFixture,
  startLoad,
  virtualServices,
  waitForJob,
  weightsOf,
  type DataPlaneFixture,
} from './release-fixture';

/**
 * Analysis gates against the sandbox's Prometheus API, fed by real requests through the data
 * plane: a faulty ratings v2 (SERVICE_VERSION=v-faulty answers half its requests 503) is rolled
 * back automatically, with the reason in the status and in Events; a gate with no traffic at all
 * is Inconclusive and pauses the job, never failing or passing it. Gates check every second or two.
 */

let f: DataPlaneFixture;
const image = (service: string, version: string) =>
  `registry.istio.io/release/examples-bookinfo-${service}-${version}:1.20.3`;

beforeAll(async () => {
  f = await startDataPlaneFixture(13);
});
afterAll(async () => f?.dispose());

async function eventsOf(job: string): Promise<{ reason: string; message: string; type: string }[]> {
  const list = await f.kc
    .makeApiClient(CoreV1Api)
    .listNamespacedEvent({ namespace: ns, fieldSelector: `involvedObject.name=${job}` });
  return list.items.map((e) => ({
    reason: e.reason ?? '',
    message: e.message ?? '',
    type: e.type ?? '',
  }));
}

const condition = (job: ReleaseJob, type: string) =>
  job.status?.conditions?.find((c) => c.type === type);

describe('analysis gates over the data plane', () => {
  it('with no traffic at all the gate is Inconclusive: the job pauses and says why', async () => {
    await createJob(f.kc, 'details-gated', {
      service: 'details',
      mode: 'Canary',
      stableVersion: 'v1',
      newVersion: { version: 'v2', image: image('details', 'v2') },
      steps: [
        { setWeight: 20 },
        { analysis: { interval: '1s', window: '10s', minSuccessRate: 95 } },
        { setWeight: 100 },
      ],
    });
    const paused = await waitForJob(
      f.kc,
      'details-gated',
      (j) => j.status?.phase === 'Paused' && (j.status.analysis?.length ?? 0) >= 3,
      'three inconclusive checks',
    );
    expect(paused.status?.reason).toBe('AnalysisInconclusive');
    expect(paused.status?.message).toMatch(
      /not enough traffic to the new version over 10s: no data/,
    );
    expect(paused.status?.analysis?.map((r) => r.result)).toEqual(
      paused.status?.analysis?.map(() => 'Inconclusive'),
    );
    expect(condition(paused, 'AnalysisInconclusive')).toMatchObject({
      status: 'True',
      message: expect.stringMatching(/no data/),
    });
    // Held at the gate's step: neither rolled back nor promoted.
    expect(paused.status?.currentStep).toBe(1);
    expect(
      weightsOf(
        (await virtualServices(f.kc)).find((vs) => vs.spec.hosts?.includes('details')),
        'details',
      ),
    ).toEqual([{ v1: 80, v2: 20 }]);
    expect(
      (await eventsOf('details-gated')).some(
        (e) => e.reason === 'AnalysisInconclusive' && /no data/.test(e.message),
      ),
    ).toBe(true);
  });

  it('a faulty ratings v2 fails its gate and is rolled back automatically, with the reason in status and events', async () => {
    // All reviews traffic to v2, which calls ratings: ratings gets a request per page.
    await createJob(f.kc, 'reviews-all-v2', {
      service: 'reviews',
      mode: 'BlueGreen',
      stableVersion: 'v1',
      newVersion: { version: 'v2', image: image('reviews', 'v2') },
    });
    await waitForJob(
      f.kc,
      'reviews-all-v2',
      (j) => j.status?.phase === 'Progressing',
      'reviews v2 takes all',
    );
    await waitFor(async () => (await countPages(f.sandbox.urls.gateway, 5)).v2 === 5, {
      what: 'black stars on every page',
    });

    const load = startLoad(f.sandbox.urls.gateway, { maxRequests: 5_000 });
    try {
      await createJob(f.kc, 'ratings-gated', {
        service: 'ratings',
        mode: 'Canary',
        stableVersion: 'v1',
        newVersion: {
          version: 'v2',
          image: image('ratings', 'v2'),
          env: [{ name: 'SERVICE_VERSION', value: 'v-faulty' }],
        },
        steps: [
          { setWeight: 50 },
          {
            analysis: {
              interval: '2s',
              window: '10s',
              minSuccessRate: 95,
              minRequestRate: 0.5,
              failureLimit: 1,
            },
          },
          { setWeight: 100 },
        ],
      });
      await waitFor(async () => (await inboundRequests(f.prometheus, 'ratings-v2')) > 0, {
        timeoutMs: 15_000,
        intervalMs: 250,
        what: 'ratings-v2 to get traffic',
      });
      const failed = await waitForJob(
        f.kc,
        'ratings-gated',
        (j) => j.status?.phase === 'Failed',
        'the automatic rollback',
      );

      expect(failed.status?.reason).toBe('AnalysisFailed');
      expect(failed.status?.message).toMatch(/success rate \d+(\.\d)? % < 95 %/);
      const failures = failed.status!.analysis!.filter((r) => r.result === 'Failed');
      expect(failures).toHaveLength(2);
      expect(failures[0]!.message).toMatch(/success rate/);
      // Rolled back: the stable version has all of ratings again.
      expect(
        weightsOf(
          (await virtualServices(f.kc)).find((vs) => vs.spec.hosts?.includes('ratings')),
          'ratings',
        ),
      ).toEqual([{ v1: 100 }]);
      expect(failed.status?.history?.at(-1)).toMatchObject({
        action: 'AutomaticRollback',
        after: expect.stringMatching(/success rate/),
      });
      expect(
        (await eventsOf('ratings-gated')).some(
          (e) =>
            e.type === 'Warning' && e.reason === 'AnalysisFailed' && /success rate/.test(e.message),
        ),
      ).toBe(true);
    } finally {
      await load.stop();
    }
    // After the rollback ratings v1 answers every page again.
    await waitFor(async () => (await countPages(f.sandbox.urls.gateway, 10)).v2 === 10, {
      what: 'no ratings errors on the page',
    });
    expect((await loadPage(f.sandbox.urls.gateway)).seen).toBe('v2');
    // The failure sticks: later reconciles keep the job Failed and routed to v1.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await getReleaseJob(f.kc, ns, 'ratings-gated')).status?.phase).toBe('Failed');
  });
});
