import { describe, expect, it } from 'vitest';
import { peerPreamble, splitPreamble, tcpLabels } from './tcp-exchange';
import { workloadIdentityOfPod } from './workload-identity';

const identity = workloadIdentityOfPod({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'sleep-1', namespace: 'demo', labels: { app: 'sleep', version: 'v1' } },
  status: { podIP: '10.244.0.9' },
});

describe('the TCP metadata preamble', () => {
  const preamble = peerPreamble(identity);
  const data = Buffer.from('SELECT 1');

  it.each<[string, Buffer, { complete: boolean; peer: boolean; rest: string }]>([
    ['application bytes only', data, { complete: true, peer: false, rest: 'SELECT 1' }],
    [
      'a preamble, then data',
      Buffer.concat([preamble, data]),
      { complete: true, peer: true, rest: 'SELECT 1' },
    ],
    ['a preamble alone', preamble, { complete: true, peer: true, rest: '' }],
    ['half the magic', preamble.subarray(0, 2), { complete: false, peer: false, rest: '=#' }],
    [
      'magic and part of the length',
      preamble.subarray(0, 6),
      { complete: false, peer: false, rest: preamble.subarray(0, 6).toString() },
    ],
    [
      'a cut preamble',
      preamble.subarray(0, preamble.length - 1),
      { complete: false, peer: false, rest: preamble.subarray(0, preamble.length - 1).toString() },
    ],
    ['nothing read yet', Buffer.alloc(0), { complete: false, peer: false, rest: '' }],
  ])('%s', (_, head, expected) => {
    const split = splitPreamble(head);
    expect({
      complete: split.complete,
      peer: split.peer !== undefined,
      rest: split.rest.toString(),
    }).toEqual(expected);
  });

  it('carries the caller identity', () => {
    expect(splitPreamble(preamble).peer).toEqual(identity);
  });

  it('labels TCP metrics without the HTTP-only labels', () => {
    const labels = tcpLabels({
      reporter: 'source',
      source: identity,
      destination: undefined,
      service: { host: 'mysqldb.demo.svc.cluster.local', name: 'mysqldb', namespace: 'demo' },
      responseFlags: 'UF',
    });
    expect(labels).toMatchObject({
      request_protocol: 'tcp',
      response_flags: 'UF',
      destination_workload: 'unknown',
    });
  });
});
