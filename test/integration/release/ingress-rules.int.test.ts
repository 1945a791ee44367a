import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualService } from '@/lib/domain/istio/types';
import { offline, setWeight } from '@/lib/server/release/operations';
import { waitFor } from '../../support/wait-for';
import {
  createJob,
  ns,
  startDataPlaneFixture,
  virtualServices,
  waitForJob,
  type DataPlaneFixture,
} from './release-fixture';

/**
 * A content rule for the front service reaches ingress traffic: a canary of productpage with
 * "end-user: jason -> v2" through the ingress gateway, whose `bookinfo` VirtualService (hosts
 * "*", bound to bookinfo-gateway) routes /productpage, /static, /login... to productpage. Which
 * productpage version answered is read from the gateway's own Istio metrics (reporter="source",
 * destination_version), live from the sandbox's /metrics, since both versions render the same page.
 */

let f: DataPlaneFixture;
let gateway: string;
const job = { namespace: ns, name: 'productpage-jason' };
const jason = { 'end-user': 'jason' };

beforeAll(async () => {
  f = await startDataPlaneFixture(23);
  gateway = f.sandbox.urls.gateway;
});
afterAll(async () => f?.dispose());

const bookinfoVs = async (): Promise<VirtualService> =>
  (await virtualServices(f.kc)).find((vs) => vs.metadata.name === 'bookinfo')!;

/** Requests the ingress gateway sent to productpage, per destination version, from the live exposition. */
async function gatewayRequestsByVersion(): Promise<Record<string, number>> {
  const text = await (await fetch(`${f.sandbox.urls.metrics}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('istio_requests_total{')) continue;
    const cut = line.lastIndexOf(' ');
    const labels = Object.fromEntries(
      [...line.slice(0, cut).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (
      labels.reporter !== 'source' ||
      labels.source_workload !== 'istio-ingressgateway' ||
      labels.destination_service_name !== 'productpage'
    )
      continue;
    const version = labels.destination_version ?? 'unknown';
    counts[version] = (counts[version] ?? 0) + Number(line.slice(cut + 1));
  }
  return counts;
}

/**
 * Sends `n` requests to `path` through the gateway, one after another, and says which productpage
 * version served them (waiting for the gateway to have reported every one).
 */
async function servedBy(
  path: string,
  n: number,
  headers: Record<string, string> = {},
): Promise<Record<string, number>> {
  const before = await gatewayRequestsByVersion();
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${gateway}${path}`, { headers, redirect: 'manual' });
    await response.arrayBuffer();
    expect(response.status, `${path} answered`).toBeLessThan(400);
  }
  return waitFor(
    async () => {
      const after = await gatewayRequestsByVersion();
      const delta: Record<string, number> = {};
      for (const [version, count] of Object.entries(after))
        if (count > (before[version] ?? 0)) delta[version] = count - (before[version] ?? 0);
      const total = Object.values(delta).reduce((sum, count) => sum + count, 0);
      return total >= n ? delta : undefined;
    },
    { timeoutMs: 5_000, what: `the gateway to report ${n} requests to ${path}` },
  );
}

describe('content rules of a productpage canary, through the ingress gateway', () => {
  let original: VirtualService;

  it('end-user: jason reaches only v2; without the header weight 0 keeps everyone on v1', async () => {
    original = await bookinfoVs();
    await createJob(f.kc, job.name, {
      service: 'productpage',
      mode: 'Canary',
      stableVersion: 'v1',
      newVersion: {
        version: 'v2',
        image: 'docker.io/istio/examples-bookinfo-productpage-v1:1.20.3',
      },
      traffic: {
        weight: 0,
        rules: [
          {
            name: 'jason',
            conditions: [{ kind: 'header', name: 'end-user', operator: 'exact', value: 'jason' }],
          },
        ],
      },
    });
    await waitForJob(f.kc, job.name, (j) => j.status?.phase === 'Progressing', 'the canary');
    expect((await bookinfoVs()).spec.http!.map((r) => r.name)).toEqual([
      'productpage-jason-aviary-jason-http-0',
      undefined,
    ]);
    // Applied in the API is not yet applied at the gateway: wait for a clean run.
    await waitFor(async () => (await servedBy('/productpage', 3, jason)).v2 === 3, {
      timeoutMs: 10_000,
      intervalMs: 0,
      what: "jason's requests on v2",
    });
    expect(await servedBy('/productpage', 20, jason)).toEqual({ v2: 20 });
    expect(await servedBy('/api/v1/products', 5, jason)).toEqual({ v2: 5 });
    expect(await servedBy('/productpage', 20)).toEqual({ v1: 20 });
    expect(await servedBy('/productpage', 10, { 'end-user': 'mary' })).toEqual({ v1: 10 });
  });

  it('the default split moves without the rule: weight 100 sends everyone to v2', async () => {
    await setWeight(f.kc, job, 100);
    await waitForJob(
      f.kc,
      job.name,
      (j) => j.status?.traffic?.some((t) => t.desired.v2 === 100 && !t.desired.v1) ?? false,
      'weight 100',
    );
    await waitFor(async () => (await servedBy('/productpage', 3)).v2 === 3, {
      timeoutMs: 10_000,
      intervalMs: 0,
      what: 'everyone on v2',
    });
    expect(await servedBy('/productpage', 20)).toEqual({ v2: 20 });
    expect(await servedBy('/productpage', 10, jason)).toEqual({ v2: 10 });
  });

  it("offline keeping v1 gives the gateway's VirtualService back as it was", async () => {
    await offline(f.kc, job, 'v1');
    await waitForJob(f.kc, job.name, (j) => j.status?.phase === 'Offline', 'offline');
    const restored = await waitFor(
      async () => {
        const vs = await bookinfoVs();
        return vs.metadata.annotations?.['aviary.dev/release-record'] === undefined && vs;
      },
      { what: 'the bookinfo VirtualService restored' },
    );
    expect(restored.spec).toEqual(original.spec);
    await waitFor(async () => (await servedBy('/productpage', 3, jason)).v1 === 3, {
      timeoutMs: 10_000,
      intervalMs: 0,
      what: 'jason back on v1',
    });
    expect(await servedBy('/productpage', 10, jason)).toEqual({ v1: 10 });
  });
});
