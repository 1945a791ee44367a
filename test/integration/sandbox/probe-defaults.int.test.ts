import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubectlSandboxForFile } from '../../support/sandbox-kubectl';
import { waitFor } from '../../support/wait-for';

/**
 * kube-apiserver fills a probe's timeoutSeconds, periodSeconds, successThreshold and
 * failureThreshold: `kubectl get -o yaml` shows them on the Deployment's template and on the pods
 * it makes, and `kubectl describe` prints them (it printed timeout=0s #success=0 #failure=0).
 */

const ns = 'probes';

const { ok } = kubectlSandboxForFile('probes', { namespace: ns });

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          readinessProbe:
            httpGet: { port: 9080, path: /ready }
          livenessProbe:
            tcpSocket: { port: 9080 }
            periodSeconds: 5
          startupProbe:
            exec: { command: ["true"] }
            failureThreshold: 30
`;

interface Probes {
  readinessProbe: object;
  livenessProbe: object;
  startupProbe: object;
}

it('shows the defaulted probes through kubectl get -o yaml and describe', async () => {
  await ok(['create', 'namespace', ns]);
  await ok(['apply', '-f', '-'], manifest);
  const expected: Probes = {
    readinessProbe: {
      httpGet: { port: 9080, path: '/ready', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    },
    livenessProbe: {
      tcpSocket: { port: 9080 },
      timeoutSeconds: 1,
      periodSeconds: 5,
      successThreshold: 1,
      failureThreshold: 3,
    },
    startupProbe: {
      exec: { command: ['true'] },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 30,
    },
  };
  const deployment = parse(await ok(['get', 'deploy', 'web', '-o', 'yaml'])) as {
    spec: { template: { spec: { containers: Probes[] } } };
  };
  expect(deployment.spec.template.spec.containers[0]).toMatchObject(expected);

  const pod = await waitFor(
    async () =>
      (
        parse(await ok(['get', 'pods', '-l', 'app=web', '-o', 'yaml'])) as {
          items: Array<{ metadata: { name: string }; spec: { containers: Probes[] } }>;
        }
      ).items[0],
    { what: 'the Deployment to make a pod' },
  );
  expect(pod.spec.containers[0]).toMatchObject(expected);

  const described = await ok(['describe', 'pod', pod.metadata.name]);
  expect(described).toMatch(
    /Liveness:\s+tcp-socket :9080 delay=0s timeout=1s period=5s #success=1 #failure=3/,
  );
  expect(described).toMatch(
    /Readiness:\s+http-get http:\/\/:9080\/ready delay=0s timeout=1s period=10s #success=1 #failure=3/,
  );
  expect(described).toMatch(
    /Startup:\s+exec \[true\] delay=0s timeout=1s period=10s #success=1 #failure=30/,
  );
});
