import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawApi, type RawResponse } from '../../support/raw-api';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';

let sandbox: SandboxFixture;
let api: ReturnType<typeof rawApi>;
const ns = 'bad-input';
const vsPath = `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices`;

beforeAll(async () => {
  sandbox = await startSandboxFixture({ controllers: false });
  api = rawApi({
    url: sandbox.cluster.url,
    token: sandbox.cluster.adminToken,
    caCertPem: sandbox.cluster.caCertPem,
  });
  await api('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: ns } }));
});
afterAll(async () => sandbox?.dispose());

const status = (res: RawResponse) =>
  JSON.parse(res.body) as {
    kind: string;
    code: number;
    reason: string;
    message: string;
    details?: { causes?: Array<{ reason: string; field: string; message: string }> };
  };
const virtualService = (spec: unknown, name = 'reviews') =>
  JSON.stringify({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name },
    spec,
  });
const stored = async () =>
  (JSON.parse((await api('GET', vsPath)).body) as { items: unknown[] }).items.length;

describe('bad input gets a clear Status and stores nothing', () => {
  it.each([
    [
      'malformed JSON',
      '{"metadata": {"name": "x"',
      'application/json',
      400,
      'BadRequest',
      /not valid JSON/,
    ],
    [
      'malformed YAML',
      'metadata: [name: x',
      'application/yaml',
      400,
      'BadRequest',
      /not valid YAML/,
    ],
    [
      'an array instead of an object',
      '[1,2]',
      'application/json',
      400,
      'BadRequest',
      /must be a JSON object/,
    ],
    [
      'protobuf of a kind the sandbox does not decode',
      Buffer.from('k8s\0\n\x13\n\x08batch/v1\x12\x07CronJob', 'binary'),
      'application/vnd.kubernetes.protobuf',
      415,
      'UnsupportedMediaType',
      /not for CronJob \(batch\/v1\).*kubectl apply/,
    ],
    [
      'protobuf that is garbage after the k8s\\0 prefix',
      Buffer.from('k8s\0\n\x7f\x01', 'binary'),
      'application/vnd.kubernetes.protobuf',
      400,
      'BadRequest',
      /the protobuf request body could not be decoded/,
    ],
    [
      'a protobuf content type without the k8s\\0 prefix',
      '{"metadata":{"name":"x"}}',
      'application/vnd.kubernetes.protobuf',
      400,
      'BadRequest',
      /must start with the 4 bytes/,
    ],
  ])('%s', async (_what, body, contentType, code, reason, message) => {
    const res = await api('POST', `/api/v1/namespaces/${ns}/configmaps`, body, {
      'content-type': contentType,
    });
    expect(res.status).toBe(code);
    expect(status(res)).toMatchObject({ kind: 'Status', code, reason });
    expect(status(res).message).toMatch(message);
    expect(
      JSON.parse((await api('GET', `/api/v1/namespaces/${ns}/configmaps`)).body).items,
    ).toEqual([]);
  });

  it('refuses a body over the size limit with 413', async () => {
    const big = JSON.stringify({
      metadata: { name: 'big' },
      data: { blob: 'x'.repeat(4 * 1024 * 1024) },
    });
    const res = await api('POST', `/api/v1/namespaces/${ns}/configmaps`, big);
    expect(res.status).toBe(413);
    expect(status(res).reason).toBe('RequestEntityTooLarge');
  });

  it.each([
    ['an invalid name', { metadata: { name: 'Not_Valid' } }, 'metadata.name', /RFC 1123 subdomain/],
    [
      'a wrong type in a built-in',
      { metadata: { name: 'ok' }, data: { a: 5 } },
      'data[a]',
      /string/,
    ],
  ])('rejects %s with 422 and the field path', async (_what, body, field, message) => {
    const res = await api('POST', `/api/v1/namespaces/${ns}/configmaps`, JSON.stringify(body));
    expect(res.status).toBe(422);
    const s = status(res);
    expect(s.reason).toBe('Invalid');
    expect(s.details?.causes?.[0]?.field).toBe(field);
    expect(s.details?.causes?.[0]?.message).toMatch(message);
  });

  it.each([
    [
      'a weight of the wrong type',
      {
        hosts: ['reviews'],
        http: [{ route: [{ destination: { host: 'reviews' }, weight: 'fifty' }] }],
      },
      'spec.http[0].route[0].weight',
      /must be of type integer/,
    ],
    [
      'a missing required field',
      { hosts: ['reviews'], http: [{ route: [{ weight: 100 }] }] },
      'spec.http[0].route[0].destination',
      /Required value/,
    ],
    [
      'an unknown enum value',
      {
        hosts: ['reviews'],
        http: [
          {
            route: [{ destination: { host: 'reviews' } }],
            corsPolicy: { unmatchedPreflights: 'SOMETIMES' },
          },
        ],
      },
      'spec.http[0].corsPolicy.unmatchedPreflights',
      /Unsupported value: "SOMETIMES"/,
    ],
  ])('rejects a VirtualService with %s (422, field path)', async (_what, spec, field, message) => {
    const res = await api('POST', vsPath, virtualService(spec));
    expect(res.status, res.body).toBe(422);
    const causes = status(res).details?.causes ?? [];
    expect(causes.map((c) => c.field)).toContain(field);
    expect(causes.find((c) => c.field === field)?.message).toMatch(message);
    expect(await stored()).toBe(0);
  });

  it('answers unknown fields by fieldValidation: Strict 400, Warn stored with a warning, Ignore pruned', async () => {
    const spec = { hosts: ['reviews'], colour: 'blue' };
    const strict = await api('POST', `${vsPath}?fieldValidation=Strict`, virtualService(spec));
    expect(strict.status).toBe(400);
    expect(status(strict).message).toBe(
      'VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.colour"',
    );
    expect(await stored()).toBe(0);

    const warn = await api(
      'POST',
      `${vsPath}?fieldValidation=Warn`,
      virtualService(spec, 'warned'),
    );
    expect(warn.status).toBe(201);
    expect(String(warn.headers.warning)).toContain('unknown field \\"spec.colour\\"');
    expect(JSON.parse(warn.body).spec).toEqual({ hosts: ['reviews'] });

    const ignore = await api(
      'POST',
      `${vsPath}?fieldValidation=Ignore`,
      virtualService(spec, 'ignored'),
    );
    expect(ignore.status).toBe(201);
    expect(ignore.headers.warning).toBeUndefined();
  });

  it('changes nothing on a dry run', async () => {
    const before = (await api('GET', `/api/v1/namespaces/${ns}/configmaps`)).body;
    const res = await api(
      'POST',
      `/api/v1/namespaces/${ns}/configmaps?dryRun=All`,
      JSON.stringify({ metadata: { name: 'dry' } }),
    );
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).metadata.name).toBe('dry');
    expect((await api('GET', `/api/v1/namespaces/${ns}/configmaps/dry`)).status).toBe(404);
    expect(
      JSON.parse((await api('GET', `/api/v1/namespaces/${ns}/configmaps`)).body).items,
    ).toEqual(JSON.parse(before).items);
  });

  it('requires a resourceVersion to replace a custom resource', async () => {
    await api('POST', vsPath, virtualService({ hosts: ['details'] }, 'details'));
    const res = await api(
      'PUT',
      `${vsPath}/details`,
      virtualService({ hosts: ['details', 'x'] }, 'details'),
    );
    expect(res.status).toBe(422);
    expect(status(res).message).toContain(
      'metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
    );
  });

  it('answers 401 without a valid token and 404 for an unknown resource', async () => {
    const anonymous = rawApi({
      url: sandbox.cluster.url,
      token: 'not-a-token-at-all',
      caCertPem: sandbox.cluster.caCertPem,
    });
    const denied = await anonymous('GET', '/api/v1/namespaces');
    expect(denied.status).toBe(401);
    expect(status(denied)).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    // A kind nobody serves (a CRD not installed) gets kube-apiserver's plain-text 404, no Status.
    const unknown = await api('GET', '/apis/example.com/v1/widgets');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toBe('404 page not found\n');
    const unknownNamed = await api('GET', '/apis/example.com/v1/namespaces/default/widgets/w');
    expect([unknownNamed.status, unknownNamed.body]).toEqual([404, '404 page not found\n']);
  });
});

describe('watch semantics', () => {
  it('resumes from the resourceVersion a list returned, and answers a too-old one with one ERROR 410 event', async () => {
    const list = JSON.parse((await api('GET', `/api/v1/namespaces/${ns}/configmaps`)).body) as {
      metadata: { resourceVersion: string };
    };
    const fresh = await api(
      'GET',
      `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}&timeoutSeconds=1`,
    );
    expect(fresh.status).toBe(200);
    expect(fresh.body).not.toContain('"ERROR"');

    // After a restart the kept history starts at the current version: older ones are gone.
    await sandbox.restart();
    const old = await api(
      'GET',
      `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=1`,
    );
    expect(old.status).toBe(200);
    const lines = old.body.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
  });
});
