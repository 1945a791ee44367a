import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import type { KubeObject, ManagedFieldsEntry } from '../types';
import { lastAppliedAnnotation } from './last-applied';
import { recordUpdateManagedFields } from './managed-fields';
import { serverSideApply } from './server-side-apply';

const t0 = '2026-11-26T12:00:00Z';
const t1 = '2026-11-26T12:05:00Z';
const t2 = '2026-11-26T12:10:00Z';

/** The manifest of the reference's kubectl sequences, reduced to what the cases change. */
function manifest(image: string, replicas = 2): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image }] },
      },
    },
  };
}

/** What `kubectl apply -f` (client-side) leaves: the annotation, and every field owned by its Update manager. */
function appliedClientSide(
  config: KubeObject,
  annotation = `${JSON.stringify(config)}\n`,
): KubeObject {
  const body = {
    ...config,
    metadata: { ...config.metadata, annotations: { [lastAppliedAnnotation]: annotation } },
  };
  return recordUpdateManagedFields(undefined, body, 'kubectl-client-side-apply', 'apps/v1', t0);
}

function editedReplicas(live: KubeObject, replicas: number): KubeObject {
  const edited = { ...live, spec: { ...(live.spec as object), replicas } };
  return recordUpdateManagedFields(live, edited, 'kubectl-edit', 'apps/v1', t1);
}

function applyServerSide(live: KubeObject, intent: KubeObject, manager = 'kubectl'): KubeObject {
  return serverSideApply({
    live,
    intent,
    manager,
    force: false,
    apiVersion: 'apps/v1',
    now: t2,
    kind: { group: 'apps', kind: 'Deployment' },
  });
}

function conflictOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a conflict');
}

const imageOf = (object: KubeObject) =>
  (object.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
    .containers[0]!.image;
const ownsImage = (entry: ManagedFieldsEntry | undefined) =>
  JSON.stringify(entry?.fieldsV1 ?? {}).includes('"f:image"');
const entryOf = (object: KubeObject, manager: string) =>
  object.metadata.managedFields?.find((entry) => entry.manager === manager);

describe('kubectl apply --server-side on an object applied client-side', () => {
  it('takes the fields still as last applied without --force-conflicts, as kube-apiserver does', () => {
    const live = appliedClientSide(manifest('nginx:1.25'));
    const result = applyServerSide(live, manifest('nginx:1.27'));
    expect(imageOf(result)).toBe('nginx:1.27');
    expect(ownsImage(entryOf(result, 'kubectl'))).toBe(true);
    expect(ownsImage(entryOf(result, 'kubectl-client-side-apply'))).toBe(false);
  });

  it.each<[string, () => KubeObject, KubeObject, string, string]>([
    [
      'a field someone changed after the client-side apply still conflicts (and only that one)',
      () => editedReplicas(appliedClientSide(manifest('nginx:1.25')), 5),
      manifest('nginx:1.27', 3),
      'kubectl',
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
    ],
    [
      'another field manager opts out of the upgrade',
      () => appliedClientSide(manifest('nginx:1.25')),
      manifest('nginx:1.27'),
      'deploy-bot',
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.template.spec.containers[name="web"].image',
    ],
    [
      'an annotation that is not JSON waives nothing',
      () => appliedClientSide(manifest('nginx:1.25'), 'not json'),
      manifest('nginx:1.27'),
      'kubectl',
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.template.spec.containers[name="web"].image',
    ],
    [
      'an annotation whose value differs from live waives nothing for that field',
      () =>
        appliedClientSide(manifest('nginx:1.25'), `${JSON.stringify(manifest('nginx:1.24'))}\n`),
      manifest('nginx:1.27'),
      'kubectl',
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.template.spec.containers[name="web"].image',
    ],
  ])('%s', (_name, live, intent, manager, message) => {
    const error = conflictOf(() => applyServerSide(live(), intent, manager));
    expect([error.code, error.reason, error.message]).toEqual([409, 'Conflict', message]);
  });
});

describe('the last-applied annotation after kubectl apply --server-side', () => {
  const annotationOf = (object: KubeObject) => object.metadata.annotations?.[lastAppliedAnnotation];

  it('becomes the configuration applied, encoded as Go encodes it, as kube-apiserver sets it', () => {
    const live = appliedClientSide(manifest('nginx:1.25'));
    const intent = manifest('nginx:1.27');
    intent.metadata.annotations = { note: 'a<b & c>d' };
    const result = applyServerSide(live, intent);
    expect(annotationOf(result)).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{"note":"a\\u003cb \\u0026 c\\u003ed"},"labels":{"app":"web"},"name":"web","namespace":"demo"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"web"}]}}}}\n',
    );
    expect(result.metadata.annotations?.note).toBe('a<b & c>d');
  });

  it('never holds itself, and keeps an annotations map it leaves empty', () => {
    const live = appliedClientSide(manifest('nginx:1.25'));
    const intent = manifest('nginx:1.25');
    intent.metadata.annotations = { [lastAppliedAnnotation]: annotationOf(live)! };
    const result = applyServerSide(live, intent);
    expect(JSON.parse(annotationOf(result)!)).toEqual({
      ...manifest('nginx:1.25'),
      metadata: { ...manifest('nginx:1.25').metadata, annotations: {} },
    });
  });

  it.each<[string, KubeObject, string]>([
    ['another manager opts out', appliedClientSide(manifest('nginx:1.27')), 'deploy-bot'],
    ['an object never applied client-side gets none', manifest('nginx:1.25'), 'kubectl'],
  ])('is left alone when %s', (_what, live, manager) => {
    const before = annotationOf(live);
    expect(annotationOf(applyServerSide(live, manifest('nginx:1.27'), manager))).toBe(before);
  });
});
