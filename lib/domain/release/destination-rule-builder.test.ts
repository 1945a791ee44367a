import { describe, expect, it } from 'vitest';
import type { DestinationRule } from '../istio/types';
import {
  ensureSubsets,
  ownDestinationRuleSpec,
  removeRecordedSubsets,
} from './destination-rule-builder';

const userDr = (): DestinationRule => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'demo-project', annotations: { note: 'mine' } },
  spec: {
    host: 'reviews',
    subsets: [
      {
        name: 'v1',
        labels: { version: 'v1' },
        trafficPolicy: { loadBalancer: { simple: 'RANDOM' } },
      },
    ],
  },
});

describe('DestinationRule subsets', () => {
  it('own rule: one subset per version selecting the version label', () => {
    expect(ownDestinationRuleSpec('reviews', ['v1', 'v2'])).toEqual({
      host: 'reviews',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    });
  });

  it('selects on the version label the pods carry (app.kubernetes.io/version)', () => {
    const label = 'app.kubernetes.io/version';
    expect(ownDestinationRuleSpec('reviews', ['v1', 'v2'], label).subsets).toEqual([
      { name: 'v1', labels: { [label]: 'v1' } },
      { name: 'v2', labels: { [label]: 'v2' } },
    ]);
    expect(ensureSubsets(userDr(), 'job', ['v1', 'v2'], label).spec.subsets!.at(-1)).toEqual({
      name: 'v2',
      labels: { [label]: 'v2' },
    });
  });

  it('adds only missing subsets, records them, is idempotent, and removes exactly them', () => {
    const ensured = ensureSubsets(userDr(), 'job', ['v1', 'v2']);
    expect(ensured.spec.subsets!.map((s) => s.name)).toEqual(['v1', 'v2']);
    expect(ensureSubsets(ensured, 'job', ['v1', 'v2'])).toEqual(ensured);
    expect(removeRecordedSubsets(ensured, 'job')).toEqual(userDr());
  });

  it('keeps a recorded subset still in use', () => {
    const ensured = ensureSubsets(userDr(), 'job', ['v1', 'v2']);
    expect(removeRecordedSubsets(ensured, 'job', ['v2']).spec.subsets!.map((s) => s.name)).toEqual([
      'v1',
      'v2',
    ]);
  });
});
