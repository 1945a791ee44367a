import { Agent, request } from 'node:https';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends one request to the sandbox API over HTTPS with a bearer token, for tests that need
 * exact control of the body and headers (malformed input, sizes, content types).
 */
export function rawApi(base: { url: string; token: string; caCertPem: string; agent?: Agent }) {
  return (
    method: string,
    path: string,
    body?: string | Buffer,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const req = request(
        new URL(path, base.url),
        {
          method,
          ca: base.caCertPem,
          // A fresh connection per request unless the caller shares an agent: servers restart in tests.
          agent: base.agent ?? false,
          headers: {
            authorization: `Bearer ${base.token}`,
            accept: 'application/json',
            ...(body !== undefined
              ? {
                  'content-type': 'application/json',
                  'content-length': String(Buffer.byteLength(body)),
                }
              : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}
