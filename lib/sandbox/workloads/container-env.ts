/**
 * A container's environment as the kubelet builds it from the pod spec: literal `env` values
 * (with `$(VAR)` references to earlier variables expanded, `$$` escaping) and `valueFrom.fieldRef`
 * on the pod's own fields; and its command and args expanded from that environment. Pure.
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

/**
 * The kubelet's `$(NAME)` expansion (Kubernetes' third_party/forked/golang/expansion): `$(NAME)`
 * becomes the value of NAME in the first of `contexts` that defines it and stays as written when
 * none does; `$$` is one `$`; a `$` before anything else, or a `$(` never closed, is kept. The
 * name is everything up to the first `)`, whatever its characters.
 */
export function expandReferences(value: string, ...contexts: Record<string, string>[]): string {
  const lookup = (name: string): string => {
    for (const context of contexts) if (Object.hasOwn(context, name)) return context[name]!;
    return `$(${name})`;
  };
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < value.length; cursor++) {
    if (value[cursor] !== '$' || cursor + 1 >= value.length) continue;
    out += value.slice(checkpoint, cursor);
    const next = value[cursor + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const closer = value.indexOf(')', cursor + 2);
      if (closer === -1) out += '$(';
      else {
        out += lookup(value.slice(cursor + 2, closer));
        advance = closer - cursor;
      }
    } else out += `$${next}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + value.slice(checkpoint);
}

/**
 * A container's command and args with `$(NAME)` expanded from its environment, as the kubelet does
 * before it starts the container (ExpandContainerCommandAndArgs): each element on its own, never
 * split or joined, no shell involved.
 */
export function expandCommandAndArgs(
  container: Record<string, unknown>,
  env: Record<string, string>,
): { command: string[]; args: string[] } {
  const expand = (values: unknown) =>
    ((values as string[] | undefined) ?? []).map((value) => expandReferences(String(value), env));
  return { command: expand(container.command), args: expand(container.args) };
}

/**
 * `serviceEnv`: the variables the kubelet adds besides `env` (service links, and in the sandbox an
 * exec container's PORT). A `$(NAME)` in a value is looked up among the variables defined before
 * it, then in `serviceEnv`, as the kubelet does.
 */
export function containerEnv(
  pod: Pod,
  container: Container,
  values: PodFieldValues,
  serviceEnv: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of (container.env as EnvVar[] | undefined) ?? []) {
    if (!variable?.name) continue;
    const path = variable.valueFrom?.fieldRef?.fieldPath;
    const value =
      path !== undefined
        ? podFieldValue(pod, path, values)
        : expandReferences(variable.value ?? '', env, serviceEnv);
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
