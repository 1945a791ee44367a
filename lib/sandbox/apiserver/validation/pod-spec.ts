import type { StatusCause } from '../types';
import {
  childPath,
  fieldDuplicate,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  indexPath,
} from './field-errors';
import { isDns1123Label, isDns1123Subdomain, isValidPortName, isValidPortNum } from './name-rules';

/**
 * A light ValidatePodSpec: the checks that catch the usual mistakes in a Deployment or Pod
 * manifest (no containers, a container without a name or image, a bad port or protocol), with
 * kube-apiserver's paths and messages. Volumes, probes, resources and security contexts are not
 * checked.
 */

export const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];
const restartPolicies = ['Always', 'Never', 'OnFailure'];
const pullPolicies = ['Always', 'IfNotPresent', 'Never'];

type Json = Record<string, unknown>;

function asObjects(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.map((item) => (typeof item === 'object' && item !== null ? (item as Json) : {}))
    : [];
}

function validateContainerPorts(ports: unknown, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  asObjects(ports).forEach((port, i) => {
    const portPath = indexPath(path, i);
    const name = typeof port.name === 'string' ? port.name : '';
    if (name) {
      causes.push(
        ...isValidPortName(name).map((msg) => fieldInvalid(childPath(portPath, 'name'), name, msg)),
      );
      if (names.has(name)) causes.push(fieldDuplicate(childPath(portPath, 'name'), name));
      names.add(name);
    }
    if (port.containerPort === undefined || port.containerPort === 0) {
      causes.push(fieldRequired(childPath(portPath, 'containerPort')));
    } else {
      const number = Number(port.containerPort);
      causes.push(
        ...isValidPortNum(number).map((msg) =>
          fieldInvalid(childPath(portPath, 'containerPort'), port.containerPort, msg),
        ),
      );
    }
    if (port.hostPort !== undefined && port.hostPort !== 0) {
      causes.push(
        ...isValidPortNum(Number(port.hostPort)).map((msg) =>
          fieldInvalid(childPath(portPath, 'hostPort'), port.hostPort, msg),
        ),
      );
    }
    // An absent protocol is defaulted to TCP before validation.
    if (port.protocol !== undefined && !supportedPortProtocols.includes(String(port.protocol))) {
      causes.push(
        fieldNotSupported(childPath(portPath, 'protocol'), port.protocol, supportedPortProtocols),
      );
    }
  });
  return causes;
}

function validateEnv(env: unknown, path: string): StatusCause[] {
  return asObjects(env).flatMap((variable, i) =>
    typeof variable.name === 'string' && variable.name
      ? []
      : [fieldRequired(childPath(indexPath(path, i), 'name'))],
  );
}

function validateContainers(containers: unknown, path: string, names: Set<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  asObjects(containers).forEach((container, i) => {
    const containerPath = indexPath(path, i);
    const name = typeof container.name === 'string' ? container.name : '';
    if (!name) causes.push(fieldRequired(childPath(containerPath, 'name')));
    else {
      causes.push(
        ...isDns1123Label(name).map((msg) =>
          fieldInvalid(childPath(containerPath, 'name'), name, msg),
        ),
      );
      if (names.has(name)) causes.push(fieldDuplicate(childPath(containerPath, 'name'), name));
      names.add(name);
    }
    const image = typeof container.image === 'string' ? container.image : '';
    if (!image.trim()) causes.push(fieldRequired(childPath(containerPath, 'image')));
    // An absent policy is defaulted (Always for :latest or no tag, else IfNotPresent) before.
    const pullPolicy = container.imagePullPolicy;
    if (pullPolicy !== undefined && !pullPolicies.includes(String(pullPolicy))) {
      causes.push(
        fieldNotSupported(childPath(containerPath, 'imagePullPolicy'), pullPolicy, pullPolicies),
      );
    }
    causes.push(...validateContainerPorts(container.ports, childPath(containerPath, 'ports')));
    causes.push(...validateEnv(container.env, childPath(containerPath, 'env')));
  });
  return causes;
}

/** ValidatePodSpec (light) at `path` (`spec` for a Pod, `spec.template.spec` for a Deployment). */
export function validatePodSpec(spec: unknown, path: string): StatusCause[] {
  const s = typeof spec === 'object' && spec !== null ? (spec as Json) : {};
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  if (!Array.isArray(s.containers) || s.containers.length === 0)
    causes.push(fieldRequired(childPath(path, 'containers')));
  else causes.push(...validateContainers(s.containers, childPath(path, 'containers'), names));
  causes.push(...validateContainers(s.initContainers, childPath(path, 'initContainers'), names));
  if (s.restartPolicy !== undefined && !restartPolicies.includes(String(s.restartPolicy))) {
    causes.push(
      fieldNotSupported(childPath(path, 'restartPolicy'), s.restartPolicy, restartPolicies),
    );
  }
  if (s.serviceAccountName) {
    const account = String(s.serviceAccountName);
    causes.push(
      ...isDns1123Subdomain(account).map((msg) =>
        fieldInvalid(childPath(path, 'serviceAccountName'), account, msg),
      ),
    );
  }
  return causes;
}
