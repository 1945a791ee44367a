/**
 * A container's environment as the kubelet builds it from the pod spec: literal `env` values
 * (with `$(VAR)` references to earlier variables expanded, `$$` escaping) and `valueFrom.fieldRef`
 * on the pod's own fields. Pure.
 */
import type { Container, Pod } from '../controllers/workload-types';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath?: string } };
}

export interface PodFieldValues {
  podIP: string;
  hostIP: string;
  nodeName: string;
}

/** The value of a downward-API field path, or undefined for one the sandbox does not know. */
export function podFieldValue(pod: Pod, path: string, values: PodFieldValues): string | undefined {
  const meta = pod.metadata;
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (keyed) return (keyed[1] === 'labels' ? meta.labels : meta.annotations)?.[keyed[2] ?? ''];
  switch (path) {
    case 'metadata.name':
      return meta.name;
    case 'metadata.namespace':
      return meta.namespace;
    case 'metadata.uid':
      return meta.uid;
    case 'spec.nodeName':
      return pod.spec.nodeName ?? values.nodeName;
    case 'spec.serviceAccountName':
      return (pod.spec.serviceAccountName as string | undefined) ?? 'default';
    case 'status.podIP':
    case 'status.podIPs':
      return values.podIP;
    case 'status.hostIP':
    case 'status.hostIPs':
      return values.hostIP;
    default:
      return undefined;
  }
}

/** Expands `$(NAME)` from `known`; unknown references stay as written, `$$(X)` gives `$(X)`. */
export function expandReferences(value: string, known: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g,
    (whole, name: string | undefined) => (name === undefined ? '$' : (known[name] ?? whole)),
  );
}

export function containerEnv(
  pod: Pod,
  container: Container,
  values: PodFieldValues,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of (container.env as EnvVar[] | undefined) ?? []) {
    if (!variable?.name) continue;
    const path = variable.valueFrom?.fieldRef?.fieldPath;
    const value =
      path !== undefined
        ? podFieldValue(pod, path, values)
        : expandReferences(variable.value ?? '', env);
    if (value !== undefined) env[variable.name] = value;
  }
  return env;
}

/** The Kubernetes service-link variables, `<NAME>_SERVICE_HOST` / `<NAME>_SERVICE_PORT`. */
export function serviceLinkEnv(
  services: Array<{ name: string; host: string; port: number }>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const service of services) {
    const prefix = service.name.toUpperCase().replace(/-/g, '_');
    env[`${prefix}_SERVICE_HOST`] = service.host;
    env[`${prefix}_SERVICE_PORT`] = String(service.port);
  }
  return env;
}
