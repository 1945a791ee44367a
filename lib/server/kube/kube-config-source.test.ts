import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { makeTempDir } from '@/test/support/temp-dir';
import { findKubeConfig, KubeConfigError, serviceAccountDir } from './kube-config-source';

let dir: ReturnType<typeof makeTempDir>;
/** An empty home: no ~/.kube/config. */
let home: string;

beforeEach(() => {
  dir = makeTempDir('kube-config-source');
  home = join(dir.path, 'home');
  mkdirSync(home);
});

afterEach(() => {
  vi.unstubAllEnvs();
  dir.remove();
});

/** A kubeconfig with one cluster, user and context, all named `name`. */
function kubeconfig(name: string, server: string, currentContext: string | undefined = name) {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server } }],
    users: [{ name, user: { token: `${name}-token` } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    ...(currentContext ? { 'current-context': currentContext } : {}),
  };
}

function write(file: string, content: unknown): string {
  const path = join(dir.path, file);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : stringify(content));
  return path;
}

/** findKubeConfig with nothing from the real machine: an empty home and only `env`. */
function find(options: { kubeconfig?: string; env?: Record<string, string> } = {}) {
  return findKubeConfig({
    kubeconfig: options.kubeconfig,
    env: { HOME: home, ...options.env },
    inClusterPrefix: join(dir.path, 'pod'),
  });
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KubeConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a KubeConfigError');
}

describe('findKubeConfig', () => {
  it('refuses, naming what it tried, when no cluster is configured', () => {
    expect(messageOf(() => find())).toBe(
      `no cluster configured (KUBECONFIG is unset, ${join(home, '.kube', 'config')} does not exist, not in a cluster): ` +
        'set KUBECONFIG, pass --kubeconfig FILE, or run inside a cluster',
    );
  });

  it('loads --kubeconfig first, then KUBECONFIG, then ~/.kube/config', () => {
    const flag = write('flag.yaml', kubeconfig('flag', 'https://flag:6443'));
    const listed = write('listed.yaml', kubeconfig('listed', 'https://listed:6443'));
    write('home/.kube/config', kubeconfig('home', 'https://home:6443'));
    const server = (options: Parameters<typeof find>[0]) =>
      find(options).getCurrentCluster()?.server;
    expect(server({ kubeconfig: flag, env: { KUBECONFIG: listed } })).toBe('https://flag:6443');
    expect(server({ env: { KUBECONFIG: listed } })).toBe('https://listed:6443');
    expect(server({})).toBe('https://home:6443');
  });

  it('reads KUBECONFIG as kubectl does: a list, missing files skipped, the first definition wins', () => {
    const first = write('first.yaml', {
      ...kubeconfig('shared', 'https://first:6443'),
      'current-context': 'shared',
    });
    const second = write('second.yaml', {
      ...kubeconfig('shared', 'https://second:6443', 'other'),
      clusters: [
        { name: 'shared', cluster: { server: 'https://second:6443' } },
        { name: 'other', cluster: { server: 'https://other:6443' } },
      ],
      contexts: [{ name: 'other', context: { cluster: 'other', user: 'shared' } }],
    });
    const missing = join(dir.path, 'missing.yaml');
    const config = find({ env: { KUBECONFIG: [missing, first, second].join(delimiter) } });
    expect(config.getCurrentCluster()?.server).toBe('https://first:6443');
    expect(config.getCluster('other')?.server).toBe('https://other:6443');
    expect(config.getCurrentUser()?.token).toBe('shared-token');
  });

  it('refuses a KUBECONFIG none of whose files exists', () => {
    const missing = join(dir.path, 'a.yaml');
    expect(messageOf(() => find({ env: { KUBECONFIG: missing } }))).toBe(
      `no cluster configured: none of the files in KUBECONFIG exists (${missing})`,
    );
  });

  it.each([
    ['a missing file', undefined, 'no such file'],
    ['a directory', 'dir/', 'not a file'],
  ])('refuses a --kubeconfig naming %s', (_case, create, why) => {
    if (create) mkdirSync(join(dir.path, 'dir'));
    const path = join(dir.path, create ? 'dir' : 'nope.yaml');
    expect(messageOf(() => find({ kubeconfig: path }))).toBe(`--kubeconfig ${path}: ${why}`);
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['broken YAML', 'clusters: [', 'not YAML: '],
    ['a list', '- a\n- b\n', 'Invalid input: expected object, received array'],
    [
      'a cluster without server',
      { clusters: [{ name: 'a', cluster: {} }] },
      'clusters[0].cluster.server: ',
    ],
    [
      'a context without cluster',
      { contexts: [{ name: 'a', context: { user: 'a' } }] },
      'contexts[0].context.cluster: ',
    ],
    ['a user without name', { users: [{ user: {} }] }, 'users[0].name: '],
  ])('refuses, naming the file and the field, %s', (_case, content, why) => {
    const path = write('bad.yaml', content);
    expect(messageOf(() => find({ kubeconfig: path }))).toContain(
      `${path} is not a usable kubeconfig: ${why}`,
    );
  });

  it.each([
    ['no current-context', kubeconfig('a', 'https://a:6443', ''), ' sets no current-context'],
    [
      'a current-context that names no context',
      kubeconfig('a', 'https://a:6443', 'b'),
      ': current-context "b" names no context',
    ],
    [
      'a context whose cluster is not defined',
      { ...kubeconfig('a', 'https://a:6443'), clusters: [] },
      ': context "a" names cluster "a", which is not defined',
    ],
  ])('refuses a kubeconfig with %s', (_case, content, why) => {
    const path = write('config.yaml', content);
    expect(messageOf(() => find({ kubeconfig: path }))).toBe(`${path}${why}`);
  });

  it('names ~/.kube/config when it is the file that is broken', () => {
    const path = write('home/.kube/config', 'clusters: [');
    expect(messageOf(() => find())).toContain(`${path} is not a usable kubeconfig: not YAML`);
  });

  it('uses the service account inside a pod', () => {
    write(`pod${serviceAccountDir}/token`, 'sa-token');
    write(`pod${serviceAccountDir}/ca.crt`, 'not read until a request');
    // client-node reads the API server's address from process.env itself.
    vi.stubEnv('KUBERNETES_SERVICE_HOST', '10.0.0.1');
    vi.stubEnv('KUBERNETES_SERVICE_PORT', '443');
    const inPod = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };
    expect(find({ env: inPod }).getCurrentCluster()?.server).toBe('https://10.0.0.1:443');
  });

  it('is not in a pod without the service account token', () => {
    const inPod = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };
    expect(messageOf(() => find({ env: inPod }))).toContain('no cluster configured');
  });
});
