import { portSchema, switchSchema, type OptionSpec } from './options';

function portOption(flag: string, env: string, what: string, port: number) {
  return {
    flag,
    env,
    kind: 'string',
    placeholder: 'N',
    description: `port of ${what} on 127.0.0.1`,
    schema: portSchema.default(port),
  } satisfies OptionSpec;
}

/** The sandbox's flags, shared by `aviary sandbox` and `aviary demo`. */
export const sandboxOptions = {
  apiPort: portOption('api-port', 'AVIARY_API_PORT', 'the sandbox Kubernetes API (HTTPS)', 6443),
  gatewayPort: portOption(
    'gateway-port',
    'AVIARY_GATEWAY_PORT',
    'the ingress gateway (Bookinfo at /productpage)',
    9080,
  ),
  jaegerPort: portOption('jaeger-port', 'AVIARY_JAEGER_PORT', 'the Jaeger query API', 16686),
  otlpPort: portOption('otlp-port', 'AVIARY_OTLP_PORT', 'OTLP/HTTP trace ingestion', 4318),
  metricsPort: portOption(
    'metrics-port',
    'AVIARY_METRICS_PORT',
    'metrics (/metrics and the Prometheus query API)',
    15090,
  ),
  allowExec: {
    flag: 'allow-exec',
    env: 'AVIARY_ALLOW_EXEC',
    kind: 'boolean',
    description: 'run containers that have a command as local processes (trusted manifests only)',
    schema: switchSchema,
  },
  noDemo: {
    flag: 'no-demo',
    env: 'AVIARY_NO_DEMO',
    kind: 'boolean',
    description: 'do not seed the demo project (demo-project with Bookinfo v1)',
    schema: switchSchema,
  },
  traffic: {
    flag: 'traffic',
    env: 'AVIARY_TRAFFIC',
    kind: 'boolean',
    description:
      'send 2 requests per second to Bookinfo through the gateway while running (as `aviary traffic`)',
    schema: switchSchema,
  },
} satisfies Record<string, OptionSpec>;

export function sandboxPorts(values: {
  apiPort: number;
  gatewayPort: number;
  jaegerPort: number;
  otlpPort: number;
  metricsPort: number;
}) {
  return {
    api: values.apiPort,
    gateway: values.gatewayPort,
    jaeger: values.jaegerPort,
    otlp: values.otlpPort,
    metrics: values.metricsPort,
  };
}
