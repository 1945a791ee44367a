import protobuf from 'protobufjs';
import { badRequest, unsupportedMediaType, type ApiError } from '../errors';
import { k8sProtoDescriptor, protobufKinds } from './k8s-proto-descriptor';

/** `k8s\0`: the four bytes every Kubernetes protobuf body starts with. */
export const protobufMagic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export const protobufMediaType = 'application/vnd.kubernetes.protobuf';

const root = protobuf.Root.fromJSON(k8sProtoDescriptor).resolveAll();
const unknownType = root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
const INTSTR = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';

export function hasProtobufMagic(body: Uint8Array): boolean {
  return body.length >= 4 && protobufMagic.equals(body.subarray(0, 4));
}

/**
 * A protobuf body of a kind the sandbox does not describe: 415, saying what still works. Only
 * the kinds of kubectl's imperative `create` generators and its access reviews are decoded.
 */
export function protobufRefused(what = 'this kind'): ApiError {
  return unsupportedMediaType(
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml ` +
      `(this sandbox decodes protobuf only for the kinds kubectl's imperative create, \`auth can-i\` and ` +
      `\`auth whoami\` send, not for ${what}: send it as JSON or YAML, e.g. ` +
      '`kubectl create ... --dry-run=client -o yaml | kubectl apply -f -`)',
  );
}

type Json = Record<string, unknown>;

/** An IntOrString message as its JSON form: a number, or a string when type is 1 (String). */
function intOrString(value: Json): number | string {
  return Number(value.type ?? 0) === 1 ? String(value.strVal ?? '') : Number(value.intVal ?? 0);
}

/** Messages the JSON encoder writes as scalars, converted both ways. */
const scalarMessages: Record<string, { toJson(m: Json): unknown; toProto(v: unknown): Json }> = {
  [INTSTR]: {
    toJson: intOrString,
    toProto: (v) => (typeof v === 'string' ? { type: 1, strVal: v } : { type: 0, intVal: v }),
  },
  [QUANTITY]: {
    toJson: (m) => String(m.string ?? ''),
    toProto: (v) => ({ string: String(v) }),
  },
};

function isZero(value: unknown): boolean {
  return value === '' || value === 0 || value === false;
}

/**
 * Converts between protobufjs' plain object of a message and what the JSON encoder writes:
 * IntOrString and Quantity in their scalar JSON forms. Towards JSON, scalars that are zero are
 * dropped unless Go declares the field a pointer (gogo-protobuf writes non-pointer scalars even
 * when zero, JSON's omitempty leaves them out), and so are empty repeated fields and maps (JSON
 * would say null); messages stay, even empty, as JSON writes a struct.
 */
function convertMessage(type: protobuf.Type, value: Json, towards: 'json' | 'proto'): Json {
  const toJson = towards === 'json';
  const result: Json = {};
  for (const field of type.fieldsArray) {
    const item = value[field.name];
    if (item === undefined || item === null) continue;
    const convert = (element: unknown): unknown => {
      const nested = field.resolvedType;
      if (!(nested instanceof protobuf.Type)) return element;
      const scalar = scalarMessages[nested.fullName.replace(/^\./, '')];
      if (scalar) return toJson ? scalar.toJson(element as Json) : scalar.toProto(element);
      return convertMessage(nested, element as Json, towards);
    };
    if (field.map) {
      const entries = Object.entries(item as Json);
      if (toJson && entries.length === 0) continue;
      result[field.name] = Object.fromEntries(entries.map(([key, v]) => [key, convert(v)]));
    } else if (field.repeated) {
      const list = item as unknown[];
      if (toJson && list.length === 0) continue;
      result[field.name] = list.map(convert);
    } else {
      const converted = convert(item);
      if (toJson && field.options?.nullable !== true && isZero(converted)) continue;
      result[field.name] = converted;
    }
  }
  return result;
}

/**
 * A Kubernetes protobuf request body (`k8s\0` + runtime.Unknown wrapping the object) as the same
 * JSON object a JSON body would have parsed to, with apiVersion and kind from the envelope, so
 * validation, defaults and the access reviews treat both alike. 400 for a body that is not a
 * well-formed envelope or object; 415 for a kind the sandbox has no description of.
 */
export function decodeProtobufBody(body: Uint8Array): Json {
  if (!hasProtobufMagic(body)) {
    throw badRequest(
      'the request body is not Kubernetes protobuf: it must start with the 4 bytes "k8s\\0"',
    );
  }
  let envelope: Json;
  try {
    envelope = unknownType.toObject(unknownType.decode(body.subarray(4)), {
      bytes: Array,
      longs: Number,
    }) as Json;
  } catch (error) {
    throw badRequest(`the protobuf request body could not be decoded: ${(error as Error).message}`);
  }
  const typeMeta = (envelope.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const apiVersion = typeMeta.apiVersion ?? '';
  const kind = typeMeta.kind ?? '';
  if (!kind || !apiVersion) {
    throw badRequest('the protobuf request body does not say its apiVersion and kind');
  }
  const encoding = String(envelope.contentEncoding ?? '');
  if (encoding !== '') throw protobufRefused(`a body with content encoding "${encoding}"`);
  const messageName = protobufKinds[`${apiVersion}/${kind}`];
  if (!messageName) throw protobufRefused(`${kind} (${apiVersion})`);
  const type = root.lookupType(messageName);
  let plain: Json;
  try {
    const raw = Uint8Array.from((envelope.raw as number[] | undefined) ?? []);
    plain = type.toObject(type.decode(raw), {
      longs: Number,
      bytes: String,
      defaults: false,
    }) as Json;
  } catch (error) {
    throw badRequest(
      `the protobuf body of the ${kind} could not be decoded: ${(error as Error).message}`,
    );
  }
  return { apiVersion, kind, ...convertMessage(type, plain, 'json') };
}

/**
 * A Kubernetes protobuf body for a JSON object of a described kind: what kubectl 1.32+ sends
 * (used by tests). The object's omitted scalars stay omitted, as gogo-protobuf would not omit
 * them, which the decoder accepts either way.
 */
export function encodeProtobufBody(object: Json): Buffer {
  const apiVersion = String(object.apiVersion ?? '');
  const kind = String(object.kind ?? '');
  const messageName = protobufKinds[`${apiVersion}/${kind}`];
  if (!messageName) throw new Error(`no protobuf description of ${apiVersion}/${kind}`);
  const type = root.lookupType(messageName);
  const fields = { ...object };
  delete fields.apiVersion;
  delete fields.kind;
  const raw = type.encode(type.fromObject(convertMessage(type, fields, 'proto'))).finish();
  const envelope = unknownType
    .encode(unknownType.fromObject({ typeMeta: { apiVersion, kind }, raw }))
    .finish();
  return Buffer.concat([protobufMagic, envelope]);
}
