import { join } from 'node:path';

/**
 * Where the specs find the stack they run against: variables the Playwright runner sets once
 * (e2e/support/stack.ts) and every worker inherits. Read them through `e2eStack()`, not directly.
 */
export const stackVariables = {
  /** The console, e.g. http://127.0.0.1:PORT (also Playwright's baseURL). */
  baseURL: 'AVIARY_E2E_BASE_URL',
  /** The sandbox's Istio ingress gateway: Bookinfo at `${gatewayURL}/productpage`. */
  gatewayURL: 'AVIARY_E2E_GATEWAY_URL',
  /** The sandbox's Kubernetes API (HTTPS, its CA in the kubeconfig). */
  apiURL: 'AVIARY_E2E_API_URL',
  /** The Prometheus HTTP API (`/api/v1/query`). */
  prometheusURL: 'AVIARY_E2E_PROMETHEUS_URL',
  /** The Jaeger query API (`/api/services`). */
  jaegerURL: 'AVIARY_E2E_JAEGER_URL',
  /** The demo's data directory: a fresh temporary one per run, removed afterwards. */
  dataDir: 'AVIARY_E2E_DATA_DIR',
} as const;

export interface E2eStack {
  baseURL: string;
  gatewayURL: string;
  apiURL: string;
  prometheusURL: string;
  jaegerURL: string;
  dataDir: string;
  /** The sandbox admin's kubeconfig (system:masters): `<dataDir>/kubeconfig`. */
  kubeconfig: string;
  /** The demo seed's accounts and passwords: `<dataDir>/credentials.json`. */
  credentialsFile: string;
  /** `<dataDir>/users/NAME.kubeconfig` of a user added with `aviary sandbox user add`. */
  userKubeconfig(name: string): string;
}

/** The running stack, as the runner described it; fails naming the variable when one is unset. */
export function e2eStack(env: NodeJS.ProcessEnv = process.env): E2eStack {
  const read = (key: keyof typeof stackVariables): string => {
    const value = env[stackVariables[key]];
    if (!value) {
      throw new Error(
        `${stackVariables[key]} is not set: run the specs with \`npm run test:e2e\` (or \`npx playwright test\`), whose config starts the stack`,
      );
    }
    return value;
  };
  const dataDir = read('dataDir');
  return {
    baseURL: read('baseURL'),
    gatewayURL: read('gatewayURL'),
    apiURL: read('apiURL'),
    prometheusURL: read('prometheusURL'),
    jaegerURL: read('jaegerURL'),
    dataDir,
    kubeconfig: join(dataDir, 'kubeconfig'),
    credentialsFile: join(dataDir, 'credentials.json'),
    userKubeconfig: (name) => join(dataDir, 'users', `${name}.kubeconfig`),
  };
}
