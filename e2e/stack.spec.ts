/**
 * What every other spec takes for granted about the stack: the seeded demo-project is there for
 * the machine's kubectl with the stack's kubeconfig, and Bookinfo answers through the gateway.
 */
import { expect, test } from '@playwright/test';
import { kubectl, kubectlJson } from './support/kubectl';
import { e2eStack } from './support/stack-env';

interface DeploymentList {
  items: Array<{ metadata: { name: string }; status?: { readyReplicas?: number } }>;
}

test("kubectl with the stack's kubeconfig sees the seeded Bookinfo, which answers through the gateway", async ({
  request,
}) => {
  const stack = e2eStack();
  await expect
    .poll(
      async () => {
        const list = await kubectlJson<DeploymentList>([
          'get',
          'deployments',
          '-n',
          'demo-project',
        ]);
        return list.items
          .filter((deployment) => (deployment.status?.readyReplicas ?? 0) > 0)
          .map((deployment) => deployment.metadata.name)
          .sort();
      },
      { timeout: 30_000 },
    )
    .toEqual(['details-v1', 'productpage-v1', 'ratings-v1', 'reviews-v1']);

  const page = await request.get(`${stack.gatewayURL}/productpage`);
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain('The Comedy of Errors');

  // The helper reports failures instead of throwing: a missing object is exit code 1 and its words.
  const missing = await kubectl(['get', 'deployment', 'no-such-deployment', '-n', 'demo-project']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('"no-such-deployment" not found');
});
