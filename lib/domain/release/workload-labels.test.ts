import { describe, expect, it } from 'vitest';

import { appVersionOf, versionLabelOf, workloadSelectors } from './workload-labels';

describe('workload labels', () => {
  it('prefers version, then app.kubernetes.io/version, and says when there is neither', () => {
    expect(versionLabelOf({ app: 'x', version: 'v1', 'app.kubernetes.io/version': '1.2' })).toBe(
      'version',
    );
    expect(versionLabelOf({ 'app.kubernetes.io/version': 'v1' })).toBe('app.kubernetes.io/version');
    expect(versionLabelOf({ app: 'x' })).toBeUndefined();
    expect(versionLabelOf(undefined)).toBeUndefined();
  });

  it('reads the app and version by either convention', () => {
    expect(appVersionOf({ app: 'reviews', version: 'v1' })).toEqual({
      app: 'reviews',
      version: 'v1',
    });
    expect(
      appVersionOf({ 'app.kubernetes.io/name': 'reviews', 'app.kubernetes.io/version': 'v2' }),
    ).toEqual({ app: 'reviews', version: 'v2' });
    expect(appVersionOf({})).toEqual({ app: undefined, version: undefined });
  });

  it('finds a Deployment by the Istio labels first, then by the recommended ones', () => {
    expect(workloadSelectors('reviews', 'v1')).toEqual([
      'app=reviews,version=v1',
      'app.kubernetes.io/name=reviews,app.kubernetes.io/version=v1',
    ]);
  });
});
