import { describe, expect, it } from 'vitest';
import type { Pod } from '../controllers/workload-types';
import {
  containerEnv,
  expandCommandAndArgs,
  expandReferences,
  serviceLinkEnv,
} from './container-env';

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

  it('looks a reference up among earlier variables, then the service variables', () => {
    const env = containerEnv(
      pod,
      {
        name: 'reviews',
        env: [
          { name: 'RATINGS', value: 'http://$(RATINGS_SERVICE_HOST):$(RATINGS_SERVICE_PORT)' },
          { name: 'RATINGS_SERVICE_PORT', value: '1' },
          { name: 'AFTER', value: '$(RATINGS_SERVICE_PORT)$(LATER)' },
          { name: 'LATER', value: 'x' },
        ],
      },
      values,
      { RATINGS_SERVICE_HOST: 'ratings', RATINGS_SERVICE_PORT: '9080' },
    );
    expect(env).toEqual({
      RATINGS: 'http://ratings:9080',
      RATINGS_SERVICE_PORT: '1',
      AFTER: '1$(LATER)',
      LATER: 'x',
    });
  });
});

/** The kubelet's expansion (k8s.io/kubernetes third_party/forked/golang/expansion), case by case. */
describe('expandReferences', () => {
  const known = {
    VAR_A: 'A',
    VAR_B: 'B',
    VAR_C: 'C',
    VAR_REF: '$(VAR_A)',
    VAR_EMPTY: '',
    'FOO BAR': 'spaced',
  };
  it.each([
    ['$(VAR_A)', 'A'],
    ['___$(VAR_B)___', '___B___'],
    ['$(VAR_C)$(VAR_A)', 'CA'],
    ['$(VAR_A)-1', 'A-1'],
    ['$(VAR_A)_$(VAR_B)_$(VAR_C)', 'A_B_C'],
    ['$(VAR_EMPTY)', ''],
    ['$(UNKNOWN)', '$(UNKNOWN)'],
    ['$(VAR_A)$(UNKNOWN)', 'A$(UNKNOWN)'],
    ['$(VAR_REF)', '$(VAR_A)'],
    ['$$(VAR_A)', '$(VAR_A)'],
    ['$$$(VAR_A)', '$A'],
    ['$$$$(VAR_A)', '$$(VAR_A)'],
    ['f000-$$VAR_A', 'f000-$VAR_A'],
    ['$VAR_A', '$VAR_A'],
    ['plain $ sign', 'plain $ sign'],
    ['ends with $', 'ends with $'],
    ['$(VAR_A)$', 'A$'],
    ['$(VAR_A', '$(VAR_A'],
    ['$(VAR_A $(VAR_B)', '$(VAR_A $(VAR_B)'],
    ['$()', '$()'],
    ['$(FOO BAR)', 'spaced'],
    ['$(VAR_$(VAR_A))', '$(VAR_$(VAR_A))'],
    ['foo\\$(VAR_C)bar', 'foo\\Cbar'],
    ['$(constructor)', '$(constructor)'],
    ['', ''],
  ])('%s -> %s', (value, expected) => {
    expect(expandReferences(value, known)).toBe(expected);
  });

  it('takes the first context that defines a name', () => {
    expect(expandReferences('$(A)$(B)', { A: '1' }, { A: '2', B: '3' })).toBe('13');
  });
});

describe('expandCommandAndArgs', () => {
  it('expands each element of command and args on its own, from the environment', () => {
    expect(
      expandCommandAndArgs(
        {
          command: ['ruby', 'details.rb', '$(PORT)'],
          args: ['--name=$(POD_NAME) $(NOPE)', '$$(PORT)'],
        },
        { PORT: '41234', POD_NAME: 'details-v1-x' },
      ),
    ).toEqual({
      command: ['ruby', 'details.rb', '41234'],
      args: ['--name=details-v1-x $(NOPE)', '$(PORT)'],
    });
    expect(expandCommandAndArgs({}, { PORT: '1' })).toEqual({ command: [], args: [] });
  });
});

describe('service links', () => {
  it('names service-link variables as Kubernetes does', () => {
    expect(serviceLinkEnv([{ name: 'my-reviews', host: 'my-reviews', port: 9080 }])).toEqual({
      MY_REVIEWS_SERVICE_HOST: 'my-reviews',
      MY_REVIEWS_SERVICE_PORT: '9080',
    });
  });
});
