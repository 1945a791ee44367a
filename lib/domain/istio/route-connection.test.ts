import { describe, expect, it } from 'vitest';
import {
  routeTcpConnection,
  type TcpConnection,
  type TcpRoutingDecision,
} from './route-connection';
import { configWith, constantRandom, destinationRule, virtualService } from './routing.fixture';
import type { RoutingConfig, TCPRoute } from './types';

/** Reviews v2 dialling MongoDB, as in Bookinfo's ratings database task. */
function connection(overrides: Partial<TcpConnection> = {}): TcpConnection {
  return {
    host: 'mongodb:27017',
    port: 27017,
    sourceLabels: { app: 'ratings', version: 'v2' },
    sourceNamespace: 'default',
    gateway: 'mesh',
    ...overrides,
  };
}

function mongodbWith(...tcp: TCPRoute[]): RoutingConfig {
  const config = configWith(virtualService('mongodb', { hosts: ['mongodb'], tcp }));
  return {
    ...config,
    destinationRules: [...config.destinationRules, destinationRule('mongodb', ['v1', 'v2'])],
    services: [
      ...(config.services ?? []),
      { name: 'mongodb', namespace: 'default', ports: [27017] },
    ],
  };
}

function describeTcp(decision: TcpRoutingDecision): string {
  if (decision.kind === 'no-route') return 'NR';
  if (decision.kind === 'no-cluster') return 'NC';
  return [decision.destination.service?.name, decision.destination.subset]
    .filter(Boolean)
    .join('/');
}

const toSubset = (subset: string, weight?: number) => ({
  destination: { host: 'mongodb', subset },
  ...(weight === undefined ? {} : { weight }),
});

describe('routeTcpConnection', () => {
  it.each<[string, RoutingConfig, Partial<TcpConnection>, number, string]>([
    ['a rule without match', mongodbWith({ route: [toSubset('v1')] }), {}, 0.5, 'mongodb/v1'],
    [
      'port match',
      mongodbWith({ match: [{ port: 27017 }], route: [toSubset('v2')] }),
      {},
      0.5,
      'mongodb/v2',
    ],
    [
      'another port falls through to the next rule',
      mongodbWith(
        { match: [{ port: 27018 }], route: [toSubset('v2')] },
        { route: [toSubset('v1')] },
      ),
      {},
      0.5,
      'mongodb/v1',
    ],
    [
      'sourceLabels',
      mongodbWith(
        { match: [{ sourceLabels: { version: 'v2' } }], route: [toSubset('v2')] },
        { route: [toSubset('v1')] },
      ),
      {},
      0.5,
      'mongodb/v2',
    ],
    [
      'sourceLabels of another caller',
      mongodbWith(
        { match: [{ sourceLabels: { version: 'v3' } }], route: [toSubset('v2')] },
        { route: [toSubset('v1')] },
      ),
      {},
      0.5,
      'mongodb/v1',
    ],
    [
      'weights, first share',
      mongodbWith({ route: [toSubset('v1', 80), toSubset('v2', 20)] }),
      {},
      0.79,
      'mongodb/v1',
    ],
    [
      'weights, second share',
      mongodbWith({ route: [toSubset('v1', 80), toSubset('v2', 20)] }),
      {},
      0.8,
      'mongodb/v2',
    ],
    ['undefined subset', mongodbWith({ route: [toSubset('v9')] }), {}, 0.5, 'NC'],
    [
      'no rule holds: the service, every version',
      mongodbWith({ match: [{ port: 1 }], route: [toSubset('v2')] }),
      {},
      0.5,
      'mongodb',
    ],
    ['unknown host', mongodbWith({ route: [toSubset('v1')] }), { host: 'mysql:3306' }, 0.5, 'NR'],
    [
      'gateway without a bound VirtualService',
      mongodbWith({ route: [toSubset('v1')] }),
      { gateway: 'default/tcp-gateway' },
      0.5,
      'NR',
    ],
  ])('%s', (_name, config, overrides, draw, expected) => {
    expect(
      describeTcp(routeTcpConnection(connection(overrides), config, constantRandom(draw))),
    ).toBe(expected);
  });

  it('says which rule routed the connection and where to', () => {
    const decision = routeTcpConnection(
      connection(),
      mongodbWith({ route: [toSubset('v1')] }),
      Math.random,
    );
    expect(decision).toEqual({
      kind: 'route',
      virtualService: { name: 'mongodb', namespace: 'default' },
      ruleIndex: 0,
      destination: {
        host: 'mongodb.default.svc.cluster.local',
        service: { name: 'mongodb', namespace: 'default' },
        subset: 'v1',
        port: 27017,
      },
    });
  });
});
