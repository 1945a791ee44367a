import { beforeAll, expect, it } from 'vitest';
import { kubectlSandboxForFile } from '../../support/sandbox-kubectl';
import { waitFor } from '../../support/wait-for';

/**
 * Tables and field selectors of custom resources as kube-apiserver serves them, through the real
 * kubectl: an array-valued printer column prints as JSON (["mesh"], not [mesh]), and a field
 * selector on a field the CRD does not declare selectable is 400 `field label not supported`.
 */

const ns = 'tables';
const { api, run, ok } = kubectlSandboxForFile('tables', { namespace: ns, controllers: false });

beforeAll(async () => {
  await ok(['create', 'namespace', ns]);
  await ok(
    ['apply', '-f', '-'],
    `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews, reviews.tables.svc.cluster.local]
  gateways: [mesh]
  http:
    - route:
        - destination: { host: reviews, subset: v1 }
`,
  );
});

it('prints array-valued printer columns as JSON, as kube-apiserver renders them', async () => {
  const table = await ok(['get', 'virtualservices']);
  expect(table).toMatch(/^NAME\s+GATEWAYS\s+HOSTS\s+AGE$/m);
  expect(table).toMatch(
    /^reviews\s+\["mesh"\]\s+\["reviews","reviews\.tables\.svc\.cluster\.local"\]\s+\d+s$/m,
  );
});

it('refuses a field selector on a field the CRD does not make selectable', async () => {
  const refused = await run(['get', 'virtualservices', '--field-selector', 'spec.hosts=reviews']);
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim()).toBe(
    'Error from server (BadRequest): Unable to find "networking.istio.io/v1, Resource=virtualservices" that match label selector "", field selector "spec.hosts=reviews": field label not supported: spec.hosts',
  );
  const res = await api(
    'GET',
    `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices?fieldSelector=spec.hosts%3Dreviews`,
  );
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body)).toEqual({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'field label not supported: spec.hosts',
    reason: 'BadRequest',
    code: 400,
  });
  expect(await ok(['get', 'vs', '--field-selector', 'metadata.name=reviews', '-o', 'name'])).toBe(
    'virtualservice.networking.istio.io/reviews\n',
  );
});

it("selects on a CRD's selectableFields", async () => {
  await ok(
    ['apply', '-f', '-'],
    `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
    - name: v1
      served: true
      storage: true
      selectableFields: [{ jsonPath: .spec.color }]
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                color: { type: string }
                size: { type: integer }
`,
  );
  const widget = (name: string, color: string) =>
    `apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: ${name} }\nspec: { color: ${color}, size: 3 }\n`;
  await waitFor(
    async () => (await run(['apply', '-f', '-'], widget('red-one', 'red'))).code === 0,
    {
      what: 'the Widget CRD to be served',
    },
  );
  await ok(['apply', '-f', '-'], widget('blue-one', 'blue'));
  expect(await ok(['get', 'widgets', '--field-selector', 'spec.color=red', '-o', 'name'])).toBe(
    'widget.example.com/red-one\n',
  );
  const refused = await run(['get', 'widgets', '--field-selector', 'spec.size=3']);
  expect(refused.stderr).toContain('field label not supported: spec.size');
});
