/**
 * Istio's `outboundTrafficPolicy`, read from the mesh config as istiod reads it: the `mesh` key
 * (YAML) of the `istio` ConfigMap in `istio-system`. ALLOW_ANY, Istio's default and the answer
 * when the ConfigMap, the key or the field is absent or unreadable, passes requests for hosts the
 * mesh does not know through to where they were addressed (PassthroughCluster); REGISTRY_ONLY
 * answers them with 502 (BlackHoleCluster). Pure.
 */
import { parse } from 'yaml';
import type { KubeObject } from '../apiserver/types';

export type OutboundTrafficPolicy = 'ALLOW_ANY' | 'REGISTRY_ONLY';

export const meshConfigMap = { namespace: 'istio-system', name: 'istio', key: 'mesh' } as const;

export function outboundTrafficPolicyOf(configMap: KubeObject | undefined): OutboundTrafficPolicy {
  const text = (configMap as { data?: Record<string, string> } | undefined)?.data?.[
    meshConfigMap.key
  ];
  if (!text) return 'ALLOW_ANY';
  try {
    const mesh = parse(text) as { outboundTrafficPolicy?: { mode?: unknown } } | null;
    return mesh?.outboundTrafficPolicy?.mode === 'REGISTRY_ONLY' ? 'REGISTRY_ONLY' : 'ALLOW_ANY';
  } catch {
    return 'ALLOW_ANY';
  }
}
