import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { k8sProtoDescriptor } from './k8s-proto-descriptor';
import { decodeProtobufBody, encodeProtobufBody, protobufMagic } from './protobuf-body';

const root = protobuf.Root.fromJSON(k8sProtoDescriptor);
const unknownType = root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');

/** A body as gogo-protobuf writes it: every non-pointer scalar present, zeros included. */
function gogoBody(apiVersion: string, kind: string, message: string, object: object): Buffer {
  const type = root.lookupType(message);
  const raw = type.encode(type.fromObject(object)).finish();
  const envelope = unknownType
    .encode(
      unknownType.fromObject({
        typeMeta: { apiVersion, kind },
        raw,
        contentEncoding: '',
        contentType: '',
      }),
    )
    .finish();
  return Buffer.concat([protobufMagic, envelope]);
}

function apiErrorOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

const emptyMeta = {
  name: 'vera-view',
  generateName: '',
  namespace: '',
  uid: '',
  resourceVersion: '',
};

describe('decodeProtobufBody', () => {
  it.each([
    [
      'a RoleBinding (kubectl create rolebinding --clusterrole=view --user=vera)',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'vera-view', labels: { team: 'a' }, annotations: { note: '' } },
        subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'vera' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      },
    ],
    [
      'a Role whose rule names the core group as ""',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'reader' },
        rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }],
      },
    ],
    [
      'a ConfigMap with data and binaryData (base64, as in JSON)',
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'team-a' },
        data: { color: 'blue', empty: '' },
        binaryData: { blob: Buffer.from([0, 1, 2, 255]).toString('base64') },
      },
    ],
    [
      'a Secret with bytes data and a type',
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'creds' },
        data: { password: Buffer.from('s3cr3t').toString('base64') },
        type: 'Opaque',
      },
    ],
    [
      'a Deployment (kubectl create deployment web --image=nginx --replicas=2)',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                {
                  name: 'nginx',
                  image: 'nginx',
                  ports: [{ containerPort: 80 }],
                  resources: { limits: { cpu: '500m', memory: '128Mi' } },
                },
              ],
            },
          },
          strategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 },
          },
        },
      },
    ],
    [
      'a Service (kubectl create service clusterip web --tcp=80:8080), named target port too',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          ports: [
            { name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 },
            { name: 'admin', protocol: 'TCP', port: 9000, targetPort: 'admin' },
          ],
          selector: { app: 'web' },
          type: 'ClusterIP',
        },
      },
    ],
    [
      'a SelfSubjectAccessReview (auth can-i get pods)',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: {},
        spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } },
      },
    ],
    [
      'a SelfSubjectRulesReview (auth can-i --list)',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        metadata: {},
        spec: { namespace: 'default' },
      },
    ],
    [
      'a SelfSubjectReview (auth whoami)',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} },
    ],
  ])('decodes %s to the JSON object', (_what, object) => {
    expect(decodeProtobufBody(encodeProtobufBody(object))).toEqual(object);
  });

  it('drops the zeros gogo-protobuf writes for non-pointer fields, as JSON omitempty would', () => {
    const body = gogoBody(
      'rbac.authorization.k8s.io/v1',
      'ClusterRoleBinding',
      'k8s.io.api.rbac.v1.ClusterRoleBinding',
      {
        metadata: emptyMeta,
        subjects: [
          { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'vera', namespace: '' },
        ],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      },
    );
    expect(decodeProtobufBody(body)).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'vera-view' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'vera' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    });
  });

  it('keeps an explicit zero of a pointer field (replicas 0) and empty structs', () => {
    const body = gogoBody('apps/v1', 'Deployment', 'k8s.io.api.apps.v1.Deployment', {
      metadata: emptyMeta,
      spec: {
        replicas: 0,
        minReadySeconds: 0,
        paused: false,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'nginx', image: 'nginx', workingDir: '', resources: {} }],
            restartPolicy: '',
          },
        },
        strategy: {},
      },
    });
    expect(decodeProtobufBody(body)).toMatchObject({
      spec: {
        replicas: 0,
        template: { spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
        strategy: {},
      },
    });
    const spec = (decodeProtobufBody(body).spec ?? {}) as Record<string, unknown>;
    expect(Object.keys(spec).sort()).toEqual(['replicas', 'selector', 'strategy', 'template']);
  });

  it('turns a zero IntOrString target port into no target port (the server defaults it)', () => {
    const body = gogoBody('v1', 'Service', 'k8s.io.api.core.v1.Service', {
      metadata: emptyMeta,
      spec: {
        ports: [
          {
            name: '',
            protocol: 'TCP',
            port: 80,
            targetPort: { type: 0, intVal: 0, strVal: '' },
            nodePort: 0,
          },
        ],
      },
    });
    expect(decodeProtobufBody(body)).toMatchObject({
      spec: { ports: [{ protocol: 'TCP', port: 80 }] },
    });
    const port = ((decodeProtobufBody(body).spec as { ports: object[] }).ports[0] ?? {}) as object;
    expect(port).not.toHaveProperty('targetPort');
  });

  it('skips fields it does not describe', () => {
    const body = encodeProtobufBody({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'x' },
    });
    // Append field 99 (varint 7) to the raw object: an unknown field, as a newer kubectl might send.
    const envelope = unknownType.toObject(unknownType.decode(body.subarray(4))) as {
      typeMeta: object;
      raw: Uint8Array;
    };
    const raw = Buffer.concat([Buffer.from(envelope.raw), Buffer.from([0x98, 0x06, 0x07])]);
    const patched = Buffer.concat([
      protobufMagic,
      unknownType.encode(unknownType.fromObject({ typeMeta: envelope.typeMeta, raw })).finish(),
    ]);
    expect(decodeProtobufBody(patched)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'x' },
    });
  });

  it('refuses a body without the k8s\\0 prefix with 400', () => {
    const error = apiErrorOf(() => decodeProtobufBody(Buffer.from('{"kind":"ConfigMap"}')));
    expect(error.code).toBe(400);
    expect(error.message).toMatch(/must start with the 4 bytes "k8s\\0"/);
  });

  it('refuses a malformed envelope with 400', () => {
    const error = apiErrorOf(() =>
      decodeProtobufBody(Buffer.concat([protobufMagic, Buffer.from([0x0a, 0x50, 0x01])])),
    );
    expect(error.code).toBe(400);
    expect(error.reason).toBe('BadRequest');
    expect(error.message).toMatch(/the protobuf request body could not be decoded/);
  });

  it('refuses a malformed object inside a good envelope with 400, naming the kind', () => {
    const envelope = unknownType
      .encode(
        unknownType.fromObject({
          typeMeta: { apiVersion: 'v1', kind: 'ConfigMap' },
          raw: Buffer.from([0x0a, 0x7f, 0x00]),
        }),
      )
      .finish();
    const error = apiErrorOf(() => decodeProtobufBody(Buffer.concat([protobufMagic, envelope])));
    expect(error.code).toBe(400);
    expect(error.message).toMatch(/the protobuf body of the ConfigMap could not be decoded/);
  });

  it('refuses an envelope that names no kind with 400', () => {
    const error = apiErrorOf(() => decodeProtobufBody(Buffer.from(protobufMagic)));
    expect(error.code).toBe(400);
    expect(error.message).toMatch(/does not say its apiVersion and kind/);
  });

  it('refuses a kind it does not describe with 415 and advice', () => {
    const envelope = unknownType
      .encode(unknownType.fromObject({ typeMeta: { apiVersion: 'batch/v1', kind: 'CronJob' } }))
      .finish();
    const error = apiErrorOf(() => decodeProtobufBody(Buffer.concat([protobufMagic, envelope])));
    expect(error.code).toBe(415);
    expect(error.reason).toBe('UnsupportedMediaType');
    expect(error.message).toMatch(/not for CronJob \(batch\/v1\).*kubectl apply/);
  });
});
