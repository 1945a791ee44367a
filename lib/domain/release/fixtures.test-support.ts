import type { ReleaseJobSpec } from './release-job-schema';

/** A reviews v1 -> v2 canary, the walkthrough's job, for the tests of this folder. */
export function reviewsSpec(overrides: Partial<ReleaseJobSpec> = {}): ReleaseJobSpec {
  return {
    service: 'reviews',
    mode: 'Canary',
    stableVersion: 'v1',
    newVersion: { version: 'v2', image: 'docker.io/istio/examples-bookinfo-reviews-v2:1.20.3' },
    traffic: { weight: 50 },
    ...overrides,
  };
}
