import { resolve } from 'node:path';
import { defineCommand } from '../command';
import { dataDirOption } from '../common-options';
import { requireFreePorts } from '../process/require-free-ports';
import { sandboxOptions, sandboxPorts } from '../sandbox-options';
import { runServices } from '../services/run-services';
import { sandboxService } from '../services/sandbox-service';
import type { ServiceDefinition } from '../services/service';
import { sandboxTrafficService } from '../services/traffic-service';

export const command = defineCommand({
  options: {
    dataDir: dataDirOption,
    ...sandboxOptions,
  },
  description: [
    'Runs the embedded sandbox alone: a Kubernetes API server (HTTPS, objects in <data-dir>/cluster.db)',
    "with its controllers and Istio's CRDs, pods that really run (Bookinfo in-process), sidecars and",
    'the ingress gateway, metrics (Prometheus API) and traces (Jaeger API, OTLP/HTTP ingestion); it',
    'seeds demo-project unless --no-demo. The admin kubeconfig is <data-dir>/kubeconfig.',
    'With --traffic, it also sends 2 requests per second to Bookinfo and prints a summary every 10 s.',
    'Subcommand: `aviary sandbox user add NAME [--group G ...]` adds a user and writes',
    '<data-dir>/users/NAME.kubeconfig. Ctrl-C (or SIGTERM) stops the sandbox; state persists.',
    '',
    'With --allow-exec, a container that has a command runs as a local process of this machine (no',
    'image, no isolation: trusted manifests only). It gets: its command and args with $(NAME)',
    'expanded from its environment as the kubelet does ($$ escapes; unknown names stay); its env',
    '(values, fieldRefs); <SERVICE>_SERVICE_HOST/_PORT for the Services of its namespace when it',
    "starts (the service name behind a sidecar, or for a TCP port the sidecar's loopback listener",
    'for it; else an endpoint on 127.0.0.1); PORT, the loopback port it must listen on',
    '(127.0.0.1:$PORT; nothing reaches its containerPort, and a process that',
    'listens there is reported in the pod condition sandbox.aviary.dev/ListeningOnAssignedPort and',
    "an Event); HTTP_PROXY/http_proxy, its sidecar's outbound side, when it has one (NO_PROXY for",
    "loopback); its workingDir as working directory (else the sandbox's own); PATH from the sandbox.",
    'Write "$(PORT)" where a manifest puts the port: command: [ruby, details.rb, "$(PORT)"].',
  ].join('\n'),
  subcommands: {
    user: async (argv) => (await import('./sandbox-user')).runSandboxUserCommand(argv),
  },

  async run(values) {
    const ports = sandboxPorts(values);
    await requireFreePorts(ports);
    let gateway = `http://127.0.0.1:${ports.gateway}`;
    const services: ServiceDefinition[] = [
      sandboxService({
        dataDir: resolve(values.dataDir),
        ports,
        seedDemo: !values.noDemo,
        allowExec: values.allowExec,
        onStarted: (sandbox) => (gateway = sandbox.urls.gateway),
      }),
    ];
    // After the sandbox, so it stops before it (services stop in reverse).
    if (values.traffic) services.push(sandboxTrafficService(() => gateway));
    return runServices(services);
  },
});
