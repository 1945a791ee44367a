import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { parse } from 'yaml';

/**
 * A minimal JSON client of a Kubernetes API from a kubeconfig (server, CA, bearer token) over
 * keep-alive connections: benchmarks that send tens of thousands of requests measure the server,
 * not a client library's per-request overhead.
 */
export interface KubeJsonClient {
  /** Sends one request; a status outside 2xx is an error unless listed in `accept`. */
  call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    accept?: number[],
  ): Promise<{ status: number; body: T }>;
  close(): void;
}

export function kubeJsonClient(kubeconfigPath: string, maxSockets: number): KubeJsonClient {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  const server = config.clusters[0]!.cluster.server;
  const ca = Buffer.from(
    config.clusters[0]!.cluster['certificate-authority-data'],
    'base64',
  ).toString();
  const token = config.users[0]!.user.token;
  const agent = new Agent({ keepAlive: true, maxSockets, ca });
  return {
    call: <T>(method: string, path: string, body?: unknown, accept: number[] = []) =>
      new Promise<{ status: number; body: T }>((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = request(
          new URL(path, server),
          {
            method,
            agent,
            ca,
            headers: {
              authorization: `Bearer ${token}`,
              accept: 'application/json',
              ...(payload ? { 'content-type': 'application/json' } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString();
              const status = res.statusCode ?? 0;
              if ((status < 200 || status > 299) && !accept.includes(status))
                reject(new Error(`${method} ${path} answered ${status}: ${text.slice(0, 200)}`));
              else resolve({ status, body: (text ? JSON.parse(text) : undefined) as T });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      }),
    close: () => agent.destroy(),
  };
}
