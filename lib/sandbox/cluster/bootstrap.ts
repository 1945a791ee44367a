import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { resources, type ClusterClient } from '../apiserver/cluster-client';
import type { KubeObject } from '../apiserver/types';

const assetsDir = new URL('../assets/', import.meta.url);

function loadYamlObjects(relativePath: string): KubeObject[] {
  const text = readFileSync(new URL(relativePath, assetsDir), 'utf8');
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null && typeof o === 'object');
}

/** The namespaces every cluster has. */
const systemNamespaces = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'istio-system',
];

/**
 * What a fresh cluster with Istio already has: the system namespaces, Istio's real CRDs and the
 * SIG Application CRD. Idempotent: existing objects are left as they are, so a restart changes nothing.
 */
export function bootstrapCluster(client: ClusterClient, extraCrds: KubeObject[] = []): void {
  for (const name of systemNamespaces) {
    if (!client.get(resources.namespaces, undefined, name)) {
      client.create(resources.namespaces, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    }
  }
  const crds = [
    ...loadYamlObjects('istio/crd-all.gen.yaml'),
    ...loadYamlObjects('application-crd.yaml'),
    ...extraCrds,
  ];
  for (const crd of crds) {
    if (crd.kind !== 'CustomResourceDefinition') continue;
    if (!client.get(resources.customresourcedefinitions, undefined, crd.metadata.name!)) {
      client.create(resources.customresourcedefinitions, crd);
    }
  }
}
