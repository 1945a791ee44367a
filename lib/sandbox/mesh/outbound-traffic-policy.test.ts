import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types';
import { outboundTrafficPolicyOf } from './outbound-traffic-policy';

const istio = (mesh: string | undefined): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'istio', namespace: 'istio-system' },
  ...(mesh === undefined ? {} : { data: { mesh } }),
});

describe('outboundTrafficPolicyOf', () => {
  it.each<[string, KubeObject | undefined, string]>([
    ['no mesh config', undefined, 'ALLOW_ANY'],
    ['no mesh key', istio(undefined), 'ALLOW_ANY'],
    ['no policy', istio('accessLogFile: /dev/stdout\n'), 'ALLOW_ANY'],
    ['REGISTRY_ONLY', istio('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n'), 'REGISTRY_ONLY'],
    ['ALLOW_ANY', istio('outboundTrafficPolicy:\n  mode: ALLOW_ANY\n'), 'ALLOW_ANY'],
    [
      'a mode Istio does not know',
      istio('outboundTrafficPolicy:\n  mode: registry_only\n'),
      'ALLOW_ANY',
    ],
    ['YAML that does not parse', istio('outboundTrafficPolicy: [\n'), 'ALLOW_ANY'],
    ['not a map', istio('just text'), 'ALLOW_ANY'],
  ])('%s: %s', (_, configMap, expected) => {
    expect(outboundTrafficPolicyOf(configMap)).toBe(expected);
  });
});
