import 'server-only';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * Finding the cluster as kubectl does, but refusing early and by name what client-node would
 * silently paper over: with nothing configured it falls back to `http://localhost:8080` and the
 * first request fails with "HTTP protocol is not allowed when skipTLSVerify is not set or false";
 * a missing or broken file fails with a bare ENOENT or YAML error that names no file.
 */

/** No usable cluster configuration: nothing configured, or a kubeconfig that cannot be used. */
export class KubeConfigError extends Error {
  override name = 'KubeConfigError';
}

/** Where a pod's service account token, CA and namespace are mounted. */
export const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeConfigSources {
  /** A --kubeconfig flag: exactly one file, which must exist. */
  kubeconfig?: string;
  /**
   * KUBECONFIG (a list, as kubectl reads it), HOME and KUBERNETES_SERVICE_HOST/PORT are read from
   * here; client-node itself reads the in-cluster address from `process.env`.
   */
  env?: Record<string, string | undefined>;
  /** Prepended to the service account's mount path, as client-node's loadFromCluster takes it (tests). */
  inClusterPrefix?: string;
}

/**
 * Loads the cluster configuration in kubectl's order: the --kubeconfig file, else the files listed
 * in KUBECONFIG (missing ones skipped and the rest merged, first wins), else ~/.kube/config, else
 * the in-cluster service account. Throws a KubeConfigError, before any request, when none is
 * there, when a named file is missing or is no kubeconfig, or when it names no current cluster.
 */
export function findKubeConfig(sources: KubeConfigSources = {}): KubeConfig {
  const env = sources.env ?? process.env;
  if (sources.kubeconfig) {
    // The user's own path, read at run time: the ignore comments keep Next's build from tracing
    // (and shipping) the whole project on the guess that any of its files could be meant.
    const file = resolve(/*turbopackIgnore: true*/ sources.kubeconfig);
    if (!isFile(file)) {
      throw new KubeConfigError(
        `--kubeconfig ${file}: ${existsSync(/*turbopackIgnore: true*/ file) ? 'not a file' : 'no such file'}`,
      );
    }
    return withCurrentCluster(loadFiles([file]), file);
  }

  const listed = (env.KUBECONFIG ?? '').split(delimiter).filter((entry) => entry !== '');
  if (listed.length > 0) {
    const files = listed.map((entry) => resolve(entry));
    const existing = files.filter(isFile);
    if (existing.length === 0) {
      throw new KubeConfigError(
        `no cluster configured: none of the files in KUBECONFIG exists (${files.join(', ')})`,
      );
    }
    return withCurrentCluster(loadFiles(existing), `KUBECONFIG (${existing.join(', ')})`);
  }

  const home = env.HOME || homedir();
  const defaultFile = join(home, '.kube', 'config');
  if (isFile(defaultFile)) return withCurrentCluster(loadFiles([defaultFile]), defaultFile);

  const prefix = sources.inClusterPrefix ?? '';
  if (
    env.KUBERNETES_SERVICE_HOST &&
    env.KUBERNETES_SERVICE_PORT &&
    isFile(`${prefix}${serviceAccountDir}/token`)
  ) {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromCluster(prefix);
    return kubeConfig;
  }

  throw new KubeConfigError(
    `no cluster configured (KUBECONFIG is unset, ${defaultFile} does not exist, not in a cluster): ` +
      'set KUBECONFIG, pass --kubeconfig FILE, or run inside a cluster',
  );
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * Loads `files`, naming the one that fails, and merges them as kubectl merges KUBECONFIG: the first
 * file to define a cluster, user or context name wins, and so does the first current-context.
 * (client-node's own merge throws on a name defined twice and lets the last current-context win.)
 */
function loadFiles(files: readonly string[]): KubeConfig {
  const loaded = files.map((file) => {
    checkKubeconfigFile(file);
    const kubeConfig = new KubeConfig();
    try {
      kubeConfig.loadFromFile(file);
    } catch (error) {
      throw unusable(file, error instanceof Error ? error.message : String(error));
    }
    return kubeConfig;
  });
  if (loaded.length === 1) return loaded[0]!;
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: firstOfEachName(loaded.flatMap((config) => config.clusters)),
    users: firstOfEachName(loaded.flatMap((config) => config.users)),
    contexts: firstOfEachName(loaded.flatMap((config) => config.contexts)),
    currentContext: loaded.find((config) => config.currentContext)?.currentContext ?? '',
  });
  return merged;
}

function firstOfEachName<T extends { name: string }>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.name) && seen.add(entry.name));
}

/** The parts of a kubeconfig client-node needs, checked before it reads the file. */
const kubeconfigFileSchema = z.looseObject({
  clusters: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        cluster: z.looseObject({ server: z.string().min(1) }),
      }),
    )
    .nullish(),
  users: z
    .array(z.looseObject({ name: z.string().min(1), user: z.looseObject({}).nullish() }))
    .nullish(),
  contexts: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        context: z.looseObject({ cluster: z.string().min(1), user: z.string().optional() }),
      }),
    )
    .nullish(),
  'current-context': z.string().nullish(),
});

/** Refuses, naming the file and the field, a file that is not YAML or not shaped as a kubeconfig. */
function checkKubeconfigFile(file: string): void {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw unusable(file, `not YAML: ${firstLine}`);
  }
  if (document === null || document === undefined) throw unusable(file, 'the file is empty');
  const parsed = kubeconfigFileSchema.safeParse(document);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  const where = issue.path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
    )
    .join('');
  throw unusable(file, where ? `${where}: ${issue.message}` : issue.message);
}

function unusable(file: string, why: string): KubeConfigError {
  return new KubeConfigError(`${file} is not a usable kubeconfig: ${why}`);
}

/** The loaded config, or why it names no cluster to talk to (`source` says where it came from). */
function withCurrentCluster(kubeConfig: KubeConfig, source: string): KubeConfig {
  const contextName = kubeConfig.currentContext;
  if (!contextName) throw new KubeConfigError(`${source} sets no current-context`);
  const context = kubeConfig.getContextObject(contextName);
  if (!context) {
    throw new KubeConfigError(`${source}: current-context "${contextName}" names no context`);
  }
  if (!kubeConfig.getCluster(context.cluster)) {
    throw new KubeConfigError(
      `${source}: context "${contextName}" names cluster "${context.cluster}", which is not defined`,
    );
  }
  return kubeConfig;
}
