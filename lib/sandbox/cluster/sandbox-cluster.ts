import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { ClusterClient } from '../apiserver/cluster-client';
import { ClusterHooks } from '../apiserver/core/cluster-hooks';
import { GarbageCollector } from '../apiserver/core/garbage-collector';
import { ResourceService } from '../apiserver/core/resource-service';
import { createApiHandler } from '../apiserver/http/api-handler';
import type {
  AccessReviewer,
  Authenticator,
  Authorizer,
  LogSource,
} from '../apiserver/http/plugins';
import { InternalClient } from '../apiserver/internal-client';
import { ResourceRegistry } from '../apiserver/registry/resource-registry';
import { ObjectStore } from '../apiserver/store/object-store';
import type { KubeObject } from '../apiserver/types';
import { bootstrapCluster } from './bootstrap';
import { lockDataDir } from './data-dir-lock';
import { kubeconfigYaml } from './kubeconfig';
import { loadOrCreatePki } from './pki';
import {
  objectPatcher,
  objectValidator,
  selectorFactory,
  evaluatePrinterJsonPath,
} from './api-adapters';
import { ensureAdminToken, TokenAuthenticator, adminUserName } from './token-store';
import { createAccessControl } from './access-control';
import { ReadyMarkingRuntime, startWorkloadControllers, type PodRuntime } from '../controllers';

export interface SandboxClusterOptions {
  dataDir: string;
  /** 0 picks a free port. */
  apiPort: number;
  host?: string;
  /** CRDs installed at first start besides Istio's and Application (Aviary's ReleaseJob). */
  extraCrds?: KubeObject[];
  logs?: LogSource;
  /** What runs pods; by default they are only marked ready (no process behind them). */
  podRuntime?: PodRuntime;
  /** Off for tests that want a bare API server without controllers. */
  controllers?: boolean;
}

export interface SandboxCluster {
  url: string;
  port: number;
  kubeconfigPath: string;
  adminToken: string;
  caCertPem: string;
  client: ClusterClient;
  service: ResourceService;
  hooks: ClusterHooks;
  garbageCollector: GarbageCollector;
  /** Resolves when the controllers and the garbage collector have nothing queued. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox's Kubernetes API server: SQLite store, registry (built-ins plus stored CRDs),
 * garbage collector, HTTPS with a generated CA, the admin token and kubeconfig.
 */
export async function startSandboxCluster(options: SandboxClusterOptions): Promise<SandboxCluster> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    const pki = await loadOrCreatePki(dataDir);
    const admin = ensureAdminToken(dataDir);
    const registry = new ResourceRegistry();
    const store = new ObjectStore(join(dataDir, 'cluster.db'), {
      encodesAsMap: (key) => registry.byStorageKey(key)?.custom === true,
    });
    for (const crd of store.list('apiextensions.k8s.io/customresourcedefinitions', ''))
      registry.applyCrd(crd.object);
    const gc = new GarbageCollector(store, registry);
    const hooks = new ClusterHooks(store, registry, gc);
    const service = new ResourceService(
      store,
      registry,
      objectValidator,
      objectPatcher,
      selectorFactory,
      hooks,
    );
    gc.attach(service);
    const client = new InternalClient(service, gc);
    bootstrapCluster(client, options.extraCrds);
    const controllers =
      options.controllers === false
        ? undefined
        : startWorkloadControllers(client, options.podRuntime ?? new ReadyMarkingRuntime());

    const tokens = new TokenAuthenticator(dataDir);
    const access = createAccessControl(client, tokens, hooks);
    const openWatches = new Set<() => void>();
    const handler = createApiHandler({
      service,
      dependents: gc,
      reviewer: access.reviewer as AccessReviewer,
      logs: options.logs ?? { read: () => undefined },
      jsonPath: evaluatePrinterJsonPath,
      openWatches,
      authenticator: access.authenticator as Authenticator,
      authorizer: access.authorizer as Authorizer,
    });
    const host = options.host ?? '127.0.0.1';
    const server: Server = createServer(
      { cert: pki.certPem, key: pki.keyPem, keepAliveTimeout: 65_000 },
      handler,
    );
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(options.apiPort, host, () => ok());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `https://${host}:${port}`;
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    writeFileSync(
      kubeconfigPath,
      kubeconfigYaml({
        server: url,
        caCertPem: pki.caCertPem,
        user: adminUserName,
        token: admin.token,
      }),
      { mode: 0o600 },
    );

    let stopped = false;
    return {
      url,
      port,
      kubeconfigPath,
      adminToken: admin.token,
      caCertPem: pki.caCertPem,
      client,
      service,
      hooks,
      garbageCollector: gc,
      async idle() {
        await gc.idle();
        await controllers?.idle();
        await gc.idle();
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await controllers?.stop();
        access.stop();
        for (const stopWatch of [...openWatches]) stopWatch();
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeAllConnections();
        });
        await gc.idle();
        store.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
