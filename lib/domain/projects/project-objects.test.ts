import { describe, expect, it } from 'vitest';
import { trimObject, watchedKinds } from './project-objects';

/** Stands for client-node's model classes (V1LabelSelector and the like), which typed lists hold. */
class LabelSelector {
  matchLabels = { app: 'details' };
}
class ServiceSpec {
  selector = { app: 'details' };
  ports = [{ name: 'http', port: 9080, protocol: 'TCP', targetPort: 9080 }];
}
class DeploymentSpec {
  replicas = 2;
  selector = new LabelSelector();
  template = { metadata: { labels: { app: 'details', version: 'v1' } }, spec: { containers: [] } };
}

/** Paths of values that are objects but not plain ones (React cannot serialise them). */
function classInstances(value: unknown, path = '$'): string[] {
  if (!value || typeof value !== 'object') return [];
  const proto = Object.getPrototypeOf(value) as object | null;
  const own = proto === Object.prototype || proto === Array.prototype ? [] : [path];
  return [
    ...own,
    ...Object.entries(value).flatMap(([key, v]) => classInstances(v, `${path}.${key}`)),
  ];
}

const raw = {
  Application: { metadata: { name: 'details' }, spec: { selector: new LabelSelector() } },
  Service: { metadata: { name: 'details', labels: { app: 'details' } }, spec: new ServiceSpec() },
  Deployment: { metadata: { name: 'details-v1' }, spec: new DeploymentSpec() },
  Pod: { metadata: { name: 'details-v1-abc' }, spec: { containers: [{ name: 'details' }] } },
};

describe('trimObject', () => {
  it.each(watchedKinds)('%s: plain data even from model class instances', (kind) => {
    const trimmed = trimObject(kind, raw[kind] as never);
    expect(classInstances(trimmed)).toEqual([]);
  });

  it('keeps what the overview reads from a Deployment', () => {
    const trimmed = trimObject('Deployment', raw.Deployment as never) as unknown as {
      spec: { replicas: number; selector: unknown };
    };
    expect(trimmed.spec.replicas).toBe(2);
    expect(trimmed.spec.selector).toEqual({ matchLabels: { app: 'details' } });
  });
});
