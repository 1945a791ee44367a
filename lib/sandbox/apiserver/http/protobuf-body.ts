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

function isZero(value: unknown): boolean {
  return value === '' || value === 0 || value === false;
}

/**
 * Turns protobufjs' plain object into what the JSON encoder would have written: IntOrString and
 * Quantity in their JSON forms, and scalars that are zero dropped unless Go declares the field a
 * pointer (gogo-protobuf writes non-pointer scalars even when zero, JSON's omitempty leaves them
 * out). Empty repeated fields and maps are dropped too (JSON would say null); messages stay,
 * even empty, as JSON writes a struct.
 */
function toJsonShape(type: protobuf.Type, value: Json): Json {
  const result: Json = {};
  for (const field of type.fieldsArray) {
    const item = value[field.name];
    if (item === undefined || item === null) continue;
    const nullable = field.options?.nullable === true;
    const convert = (element: unknown): unknown => {
      if (!field.resolvedType || !(field.resolvedType instanceof protobuf.Type)) return element;
      const fullName = field.resolvedType.fullName.replace(/^\./, '');
      if (fullName === INTSTR) return intOrString(element as Json);
      if (fullName === QUANTITY) return String((element as Json).string ?? '');
      return toJsonShape(field.resolvedType, element as Json);
    };
    if (field.map) {
      const entries = Object.entries(item as Json);
      if (entries.length === 0) continue;
      result[field.name] = Object.fromEntries(entries.map(([key, v]) => [key, convert(v)]));
    } else if (field.repeated) {
      const list = item as unknown[];
      if (list.length === 0) continue;
      result[field.name] = list.map(convert);
    } else {
      const converted = convert(item);
      if (!nullable && isZero(converted)) continue;
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
  return { apiVersion, kind, ...toJsonShape(type, plain) };
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
  const raw = type.encode(type.fromObject(toProtoShape(type, fields))).finish();
  const envelope = unknownType
    .encode(unknownType.fromObject({ typeMeta: { apiVersion, kind }, raw }))
    .finish();
  return Buffer.concat([protobufMagic, envelope]);
}

/** The reverse of toJsonShape's conversions, for encoding. */
function toProtoShape(type: protobuf.Type, value: Json): Json {
  const result: Json = {};
  for (const field of type.fieldsArray) {
    const item = value[field.name];
    if (item === undefined || item === null) continue;
    const convert = (element: unknown): unknown => {
      if (!field.resolvedType || !(field.resolvedType instanceof protobuf.Type)) return element;
      const fullName = field.resolvedType.fullName.replace(/^\./, '');
      if (fullName === INTSTR) {
        return typeof element === 'string'
          ? { type: 1, strVal: element }
          : { type: 0, intVal: element };
      }
      if (fullName === QUANTITY) return { string: String(element) };
      return toProtoShape(field.resolvedType, element as Json);
    };
    if (field.map) {
      result[field.name] = Object.fromEntries(
        Object.entries(item as Json).map(([key, v]) => [key, convert(v)]),
      );
    } else if (field.repeated) {
      result[field.name] = (item as unknown[]).map(convert);
    } else {
      result[field.name] = convert(item);
    }
  }
  return result;
}
