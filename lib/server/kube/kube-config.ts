import 'server-only';
import { Agent } from 'node:https';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { version as aviaryVersion } from '@/package.json';
import { findKubeConfig, type KubeConfigSources } from './kube-config-source';

/**
 * The Kubernetes client factory. It finds the cluster as kubectl does (an explicit --kubeconfig,
 * else KUBECONFIG, else ~/.kube/config, else the in-cluster service account) and makes every
 * client share ONE keep-alive HTTPS agent per TLS identity: client-node 1.4 would otherwise open a
 * TLS connection per request (2.5x slower against a real kube-apiserver, machine-notes.md).
 */

const sharedAgents = new Map<string, Agent>();

type AgentOptions = {
  ca?: unknown;
  cert?: unknown;
  key?: unknown;
  rejectUnauthorized?: boolean;
  servername?: string;
};

/** Makes `kubeConfig` hand out the shared keep-alive agent for its cluster and credentials. */
export function shareAgent(kubeConfig: KubeConfig): KubeConfig {
  // createAgent is private in the typings; it is the one place client-node makes agents.
  const target = kubeConfig as unknown as {
    createAgent: (cluster: unknown, options: unknown) => unknown;
  };
  const original = target.createAgent.bind(kubeConfig);
  target.createAgent = (clusterArg: unknown, optionsArg: unknown) => {
    const cluster = clusterArg as { server?: string; proxyUrl?: string } | null;
    const options = optionsArg as AgentOptions;
    if (!cluster?.server?.startsWith('https:') || cluster.proxyUrl)
      return original(cluster, options);
    const key = JSON.stringify([
      cluster.server,
      String(options.ca ?? ''),
      String(options.cert ?? ''),
      String(options.key ?? ''),
      options.rejectUnauthorized,
      options.servername,
    ]);
    let agent = sharedAgents.get(key);
    if (!agent) {
      // No cap on sockets: every watch holds one for as long as it runs (a project page's live
      // stream holds four), so a capped pool (it was 64) froze every other request once 16
      // pages were open. Idle sockets are still reused, which is what the sharing is for.
      agent = new Agent({ ...(options as object), keepAlive: true, maxSockets: Infinity });
      sharedAgents.set(key, agent);
    }
    return agent;
  };
  return kubeConfig;
}

/**
 * Loads the cluster as kubectl does (`kubeconfig` is a --kubeconfig flag), sharing the keep-alive
 * agent. Throws a KubeConfigError, before any request, when no cluster is configured or a named
 * kubeconfig is missing or unusable.
 */
export function loadKubeConfig(sources: KubeConfigSources = {}): KubeConfig {
  return shareAgent(findKubeConfig(sources));
}

/** A copy of `kubeConfig` that acts as `user` (Impersonate-User), for operations made on a user's behalf. */
export function impersonate(kubeConfig: KubeConfig, user: string): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromString(kubeConfig.exportConfig());
  const current = copy.getCurrentUser();
  if (current) Object.assign(current, { impersonateUser: user });
  return shareAgent(copy);
}

/**
 * `kubeConfig` sending `User-Agent: <program>/<version> (<os>/<arch>) aviary`, as client-go
 * programs identify themselves. kube-apiserver names a writer's managedFields entry (and its audit
 * records) after the User-Agent's program, so Aviary's writes read `aviary` or `aviary-controller`
 * instead of client-node's `node-fetch`, and a Conflict can name who else changed an object.
 * The result reads everything else through `kubeConfig` itself (no copy), so it is cheap per call.
 */
export function asProgram(kubeConfig: KubeConfig, program: string): KubeConfig {
  const userAgent = `${program}/${aviaryVersion} (${process.platform}/${process.arch}) aviary`;
  const identified = Object.create(kubeConfig) as KubeConfig;
  // applyOptions is private in the typings; every request, watches included, gets its headers there.
  const base = kubeConfig as unknown as {
    applyOptions: (opts: { headers?: Record<string, string> }) => Promise<void>;
  };
  Object.assign(identified, {
    applyOptions: async (opts: { headers?: Record<string, string> }) => {
      await base.applyOptions.call(identified, opts);
      opts.headers = { ...opts.headers, 'User-Agent': userAgent };
    },
  });
  return identified;
}

/** Closes the shared connections (at shutdown, and between tests). */
export function closeSharedAgents(): void {
  for (const agent of sharedAgents.values()) agent.destroy();
  sharedAgents.clear();
}

const istioVersionPreference = ['v1', 'v1beta1', 'v1alpha3'];

/**
 * The newest networking.istio.io version the cluster serves (v1, else v1beta1, else v1alpha3),
 * read from API discovery so Aviary writes what the installed Istio understands.
 */
export async function discoverIstioVersion(kubeConfig: KubeConfig): Promise<string> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  for (const version of istioVersionPreference) {
    try {
      const list = (await api.getAPIResources({ group: 'networking.istio.io', version })) as {
        resources?: { name: string }[];
      };
      if (list.resources?.some((r) => r.name === 'virtualservices')) return version;
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
    }
  }
  throw new Error(
    'the cluster serves no networking.istio.io version with virtualservices: is Istio installed?',
  );
}
