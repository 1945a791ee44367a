import { expect, it } from 'vitest';
import { kubectlSandboxForFile } from '../../support/sandbox-kubectl';

/**
 * kubectl apply (client-side) -> apply --server-side -> apply (client-side) of one VirtualService,
 * through the real kubectl. A real kube-apiserver replaces the last-applied annotation on the
 * server-side apply by manager "kubectl" with the configuration applied (kubectl then saves it
 * under the manager kubectl-last-applied), so the last client-side apply diffs against B and
 * removes what B added and C drops. The sandbox used to keep A's annotation, and C left B's
 * extra label and gateways behind.
 */

const ns = 'migrate';
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

const { ok } = kubectlSandboxForFile('apply-migration', { namespace: ns, controllers: false });

interface VirtualService {
  metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: Array<{ manager: string; operation: string }>;
  };
  spec: Record<string, unknown>;
}
const live = async () =>
  JSON.parse(
    await ok(['get', 'vs', 'reviews', '-o', 'json', '--show-managed-fields']),
  ) as VirtualService;

const vs = (labels: string, gateways: string, subset: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  labels: {${labels}}
spec:
  hosts: [reviews]${gateways}
  http:
    - route:
        - destination: { host: reviews, subset: ${subset} }
`;
const a = vs('stage: a', '', 'v1');
const b = vs('stage: b, owner: team', '\n  gateways: [mesh]', 'v2');
const c = vs('stage: b', '', 'v2');

it('leaves the object and annotation a real API server would after CSA -> SSA -> CSA', async () => {
  await ok(['create', 'namespace', ns]);
  await ok(['apply', '-f', '-'], a);

  expect(await ok(['apply', '--server-side', '-f', '-'], b)).toContain(
    'virtualservice.networking.istio.io/reviews serverside-applied',
  );
  const afterSsa = await live();
  // The annotation is B, as the server encodes the applied configuration: keys sorted, one line.
  expect(afterSsa.metadata.annotations?.[lastApplied]).toBe(
    '{"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"labels":{"owner":"team","stage":"b"},"name":"reviews","namespace":"migrate"},"spec":{"gateways":["mesh"],"hosts":["reviews"],"http":[{"route":[{"destination":{"host":"reviews","subset":"v2"}}]}]}}\n',
  );
  expect(afterSsa.metadata.labels).toEqual({ stage: 'b', owner: 'team' });
  expect(afterSsa.spec.gateways).toEqual(['mesh']);
  expect(afterSsa.metadata.managedFields?.map((m) => `${m.manager}/${m.operation}`)).toEqual(
    expect.arrayContaining(['kubectl/Apply', 'kubectl-last-applied/Apply']),
  );
  expect(
    JSON.parse(await ok(['apply', 'view-last-applied', 'vs', 'reviews', '-o', 'json'])),
  ).toEqual(JSON.parse(afterSsa.metadata.annotations![lastApplied]!));

  expect(await ok(['apply', '-f', '-'], c)).toContain(
    'virtualservice.networking.istio.io/reviews configured',
  );
  const afterCsa = await live();
  // What B added and C drops is gone: the client-side apply diffed against B.
  expect(afterCsa.metadata.labels).toEqual({ stage: 'b' });
  expect(afterCsa.spec).toEqual({
    hosts: ['reviews'],
    http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }],
  });
  const annotation = JSON.parse(afterCsa.metadata.annotations![lastApplied]!) as {
    metadata: { annotations?: object };
  };
  delete annotation.metadata.annotations;
  expect(annotation).toEqual({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { labels: { stage: 'b' }, name: 'reviews', namespace: ns },
    spec: afterCsa.spec,
  });
  // A second client-side apply of C has nothing left to change.
  expect(await ok(['apply', '-f', '-'], c)).toContain(
    'virtualservice.networking.istio.io/reviews unchanged',
  );
});
