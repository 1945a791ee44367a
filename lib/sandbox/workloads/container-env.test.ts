import { describe, expect, it } from 'vitest';
import type { Pod } from '../controllers/workload-types';
import { containerEnv, expandReferences, serviceLinkEnv } from './container-env';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'reviews-v2-abc',
    namespace: 'demo',
    uid: 'u-1',
    labels: { app: 'reviews', version: 'v2' },
    annotations: { team: 'books' },
  },
  spec: { serviceAccountName: 'bookinfo-reviews' },
};
const values = { podIP: '10.244.0.7', hostIP: '172.18.0.2', nodeName: 'aviary-sandbox' };

describe('containerEnv', () => {
  it('resolves literal values and downward-API fields', () => {
    const env = containerEnv(
      pod,
      {
        name: 'reviews',
        env: [
          { name: 'LOG_DIR', value: '/tmp/logs' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
          { name: 'VERSION', valueFrom: { fieldRef: { fieldPath: "metadata.labels['version']" } } },
          { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['team']" } } },
          { name: 'UNKNOWN_FIELD', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } },
          { name: 'URL', value: 'http://$(POD_IP):9080/$(MISSING)' },
        ],
      },
      values,
    );
    expect(env).toEqual({
      LOG_DIR: '/tmp/logs',
      POD_NAME: 'reviews-v2-abc',
      POD_NAMESPACE: 'demo',
      POD_IP: '10.244.0.7',
      HOST_IP: '172.18.0.2',
      NODE: 'aviary-sandbox',
      SA: 'bookinfo-reviews',
      VERSION: 'v2',
      TEAM: 'books',
      URL: 'http://10.244.0.7:9080/$(MISSING)',
    });
  });

  it.each([
    ['$(A)-$(B)', 'x-$(B)'],
    ['$$(A)', '$(A)'],
    ['plain $ sign', 'plain $ sign'],
  ])('expands %s', (value, expected) => {
    expect(expandReferences(value, { A: 'x' })).toBe(expected);
  });

  it('names service-link variables as Kubernetes does', () => {
    expect(serviceLinkEnv([{ name: 'my-reviews', host: 'my-reviews', port: 9080 }])).toEqual({
      MY_REVIEWS_SERVICE_HOST: 'my-reviews',
      MY_REVIEWS_SERVICE_PORT: '9080',
    });
  });
});
