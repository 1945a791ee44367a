import type { StatusCause } from '../types';
import { typeMismatches } from './builtin-types';
import {
  childPath,
  fieldDuplicate,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  fieldTooLong,
  indexPath,
  keyPath,
} from './field-errors';
import { goLiteral, goQuote } from './go-format';
import { isConfigMapKey, isDns1123Label, isValidPortName, isValidPortNum } from './name-rules';
import { validateLabels } from './object-meta';
import { supportedPortProtocols } from './pod-spec';

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** ConfigMaps and Secrets share a 1 MiB limit on their data (api.MaxSecretSize). */
export const maxDataSizeBytes = 1024 * 1024;

const utf8 = new TextEncoder();

// Go prints the duplicate key struct of `spec.ports` in full.
function servicePortKey(port: number, protocol: string) {
  return goLiteral(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
      'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
  );
}

function validateServicePort(
  port: Json,
  path: string,
  requireName: boolean,
  names: Set<string>,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = typeof port.name === 'string' ? port.name : '';
  if (requireName && !name) causes.push(fieldRequired(childPath(path, 'name')));
  else if (name) {
    causes.push(
      ...isDns1123Label(name).map((msg) => fieldInvalid(childPath(path, 'name'), name, msg)),
    );
    if (names.has(name)) causes.push(fieldDuplicate(childPath(path, 'name'), name));
    names.add(name);
  }
  causes.push(
    ...isValidPortNum(Number(port.port ?? 0)).map((msg) =>
      fieldInvalid(childPath(path, 'port'), port.port ?? 0, msg),
    ),
  );
  // An absent protocol is defaulted to TCP before validation.
  if (port.protocol !== undefined && !supportedPortProtocols.includes(String(port.protocol))) {
    causes.push(
      fieldNotSupported(childPath(path, 'protocol'), port.protocol, supportedPortProtocols),
    );
  }
  const target = port.targetPort;
  if (typeof target === 'number' && target !== 0) {
    causes.push(
      ...isValidPortNum(target).map((msg) =>
        fieldInvalid(childPath(path, 'targetPort'), target, msg),
      ),
    );
  } else if (typeof target === 'string') {
    causes.push(
      ...isValidPortName(target).map((msg) =>
        fieldInvalid(childPath(path, 'targetPort'), target, msg),
      ),
    );
  }
  return causes;
}

/** ValidateService (light): type, ports (numbers, protocols, names unique and required when several), selector labels. */
export function validateService(object: Json): StatusCause[] {
  const spec = asObject(object.spec);
  const ports = Array.isArray(spec.ports) ? spec.ports.map(asObject) : [];
  const typeCauses = typeMismatches([
    [object.spec, 'object', 'spec'],
    [spec.ports, 'array', 'spec.ports'],
    [spec.selector, 'object', 'spec.selector'],
    [spec.type, 'string', 'spec.type'],
    ...ports.flatMap((port, i): [unknown, 'integer' | 'string', string][] => [
      [port.port, 'integer', `spec.ports[${i}].port`],
      [port.name, 'string', `spec.ports[${i}].name`],
      [port.protocol, 'string', `spec.ports[${i}].protocol`],
      [port.nodePort, 'integer', `spec.ports[${i}].nodePort`],
    ]),
  ]);
  if (typeCauses.length) return typeCauses;
  const causes: StatusCause[] = [];
  const type = spec.type ?? 'ClusterIP';
  if (!serviceTypes.includes(String(type)))
    causes.push(fieldNotSupported('spec.type', type, serviceTypes));
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless && type !== 'ExternalName')
    causes.push(fieldRequired('spec.ports'));
  const names = new Set<string>();
  ports.forEach((port, i) =>
    causes.push(...validateServicePort(port, indexPath('spec.ports', i), ports.length > 1, names)),
  );
  const seen = new Set<string>();
  ports.forEach((port, i) => {
    const protocol = String(port.protocol ?? 'TCP');
    const key = `${Number(port.port ?? 0)}/${protocol}`;
    if (seen.has(key))
      causes.push(
        fieldDuplicate(
          indexPath('spec.ports', i),
          servicePortKey(Number(port.port ?? 0), protocol),
        ),
      );
    seen.add(key);
  });
  causes.push(...validateLabels(spec.selector, 'spec.selector'));
  return causes;
}

function validateDataKeys(data: Json, path: string, other: Json, otherName: string): StatusCause[] {
  return Object.keys(data).flatMap((key) => [
    ...isConfigMapKey(key).map((msg) => fieldInvalid(keyPath(path, key), key, msg)),
    ...(key in other
      ? [fieldInvalid(keyPath(path, key), key, `duplicate of key present in ${otherName}`)]
      : []),
  ]);
}

// Binary values travel as base64; their size is the decoded size.
function base64Size(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

/** ValidateConfigMap: keys are config keys, not in both bags, and the data stays under 1 MiB. */
export function validateConfigMap(object: Json): StatusCause[] {
  const data = asObject(object.data);
  const binaryData = asObject(object.binaryData);
  const typeCauses = typeMismatches([
    [object.data, 'object', 'data'],
    [object.binaryData, 'object', 'binaryData'],
    ...Object.entries(data).map(([key, value]): [unknown, 'string', string] => [
      value,
      'string',
      keyPath('data', key),
    ]),
    ...Object.entries(binaryData).map(([key, value]): [unknown, 'string', string] => [
      value,
      'string',
      keyPath('binaryData', key),
    ]),
  ]);
  if (typeCauses.length) return typeCauses;
  const causes = [
    ...validateDataKeys(data, 'data', binaryData, 'binaryData'),
    ...validateDataKeys(binaryData, 'binaryData', data, 'data'),
  ];
  const size =
    Object.values(data).reduce<number>((sum, value) => sum + utf8.encode(String(value)).length, 0) +
    Object.values(binaryData).reduce<number>((sum, value) => sum + base64Size(String(value)), 0);
  if (size > maxDataSizeBytes) causes.push(fieldTooLong('[]', maxDataSizeBytes));
  return causes;
}

const requiredSecretKeys: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
};

/**
 * ValidateSecret: config-key names, the 1 MiB limit, and the keys a typed Secret must carry.
 * `stringData` counts as data, since the server merges it into `data` on write.
 */
export function validateSecret(object: Json): StatusCause[] {
  const data = asObject(object.data);
  const stringData = asObject(object.stringData);
  const typeCauses = typeMismatches([
    [object.data, 'object', 'data'],
    [object.stringData, 'object', 'stringData'],
    [object.type, 'string', 'type'],
    ...Object.entries(data).map(([key, value]): [unknown, 'string', string] => [
      value,
      'string',
      keyPath('data', key),
    ]),
    ...Object.entries(stringData).map(([key, value]): [unknown, 'string', string] => [
      value,
      'string',
      keyPath('stringData', key),
    ]),
  ]);
  if (typeCauses.length) return typeCauses;
  const causes: StatusCause[] = [];
  const keys = new Set([...Object.keys(data), ...Object.keys(stringData)]);
  for (const key of keys)
    causes.push(...isConfigMapKey(key).map((msg) => fieldInvalid(keyPath('data', key), key, msg)));
  const size =
    Object.values(data).reduce<number>((sum, value) => sum + base64Size(String(value)), 0) +
    Object.values(stringData).reduce<number>(
      (sum, value) => sum + utf8.encode(String(value)).length,
      0,
    );
  if (size > maxDataSizeBytes) causes.push(fieldTooLong('data', maxDataSizeBytes));
  for (const key of requiredSecretKeys[String(object.type ?? 'Opaque')] ?? []) {
    if (!keys.has(key)) causes.push(fieldRequired(keyPath('data', key)));
  }
  return causes;
}
