import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { resources, type ClusterClient } from '../apiserver/cluster-client';
import type { KubeObject, ResourceRef } from '../apiserver/types';

export const demoNamespace = 'demo-project';

const assets = new URL('../assets/bookinfo/', import.meta.url);

function objectsOf(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(new URL(file, assets), 'utf8'))
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

const refByKind: Record<string, ResourceRef> = {
  Service: resources.services,
  ServiceAccount: resources.serviceaccounts,
  Deployment: resources.deployments,
  Gateway: { group: 'networking.istio.io', version: 'v1', resource: 'gateways' },
  VirtualService: { group: 'networking.istio.io', version: 'v1', resource: 'virtualservices' },
  DestinationRule: { group: 'networking.istio.io', version: 'v1', resource: 'destinationrules' },
  Application: { group: 'app.k8s.io', version: 'v1beta1', resource: 'applications' },
};

/** Only version v1 of each Bookinfo service: releasing v2 and v3 is what the demo shows. */
function isV1OrUnversioned(object: KubeObject): boolean {
  const version = (object.metadata.labels ?? {}).version;
  return object.kind !== 'Deployment' || version === 'v1';
}

function bookinfoApplication(): KubeObject {
  const services = ['productpage', 'details', 'reviews', 'ratings'];
  return {
    apiVersion: 'app.k8s.io/v1beta1',
    kind: 'Application',
    metadata: {
      name: 'bookinfo',
      labels: { 'app.kubernetes.io/name': 'bookinfo', 'app.kubernetes.io/version': 'v1' },
      annotations: { 'servicemesh.kubesphere.io/enabled': 'true' },
    },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'bookinfo' } },
      addOwnerRef: false,
      componentKinds: [
        { group: '', kind: 'Service' },
        { group: 'apps', kind: 'Deployment' },
      ],
      descriptor: {
        type: 'bookinfo',
        version: 'v1',
        description: `Istio's Bookinfo sample: ${services.join(', ')}`,
      },
    },
  };
}

/**
 * Seeds the demo project: namespace `demo-project` with sidecar injection on, Bookinfo v1 of each
 * service, its Gateway and VirtualService, the DestinationRules, and the `bookinfo` Application.
 * Idempotent: what exists is left as it is (a user's changes survive a restart).
 */
export function seedDemoProject(client: ClusterClient): { created: string[] } {
  const created: string[] = [];
  if (!client.get(resources.namespaces, undefined, demoNamespace)) {
    client.create(resources.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: demoNamespace, labels: { 'istio-injection': 'enabled' } },
    });
    created.push(`namespace/${demoNamespace}`);
  }
  const objects = [
    ...objectsOf('bookinfo.yaml').filter(isV1OrUnversioned),
    ...objectsOf('bookinfo-gateway.yaml'),
    ...objectsOf('destination-rule-all.yaml'),
    bookinfoApplication(),
  ];
  for (const object of objects) {
    const ref = refByKind[object.kind];
    if (!ref) throw new Error(`the demo seed has no resource for kind ${object.kind}`);
    if (object.kind === 'Service' || object.kind === 'Deployment') {
      // The Application groups Bookinfo's components by this label, as KubeSphere does.
      object.metadata.labels = { ...object.metadata.labels, 'app.kubernetes.io/name': 'bookinfo' };
    }
    if (client.get(ref, demoNamespace, object.metadata.name!)) continue;
    client.create(
      ref,
      { ...object, metadata: { ...object.metadata, namespace: demoNamespace } },
      { fieldManager: 'aviary-demo-seed' },
    );
    created.push(`${object.kind.toLowerCase()}/${object.metadata.name}`);
  }
  return { created };
}
