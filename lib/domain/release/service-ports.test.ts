import { describe, expect, it } from 'vitest';

import { hostIsService, portProtocol, servicePorts } from './service-ports';

describe('portProtocol', () => {
  it.each([
    [{ name: 'http' }, 'http'],
    [{ name: 'http-web' }, 'http'],
    [{ name: 'HTTP2-api' }, 'http'],
    [{ name: 'grpc' }, 'http'],
    [{ name: 'grpc-web-ui' }, 'http'],
    [{}, 'http'],
    [{ name: 'tcp-db' }, 'tcp'],
    [{ name: 'mongo' }, 'tcp'],
    [{ name: 'https' }, 'tcp'],
    [{ name: 'tls-api' }, 'tcp'],
    [{ name: 'web' }, 'http'],
    [{ name: 'redis-cache' }, 'tcp'],
  ] as const)(
    'classifies a port named %j as %s (unknown names are sniffed as HTTP)',
    (port, expected) => {
      expect(portProtocol(port)).toBe(expected);
    },
  );

  it('prefers appProtocol over the name, as Istio does', () => {
    expect(portProtocol({ name: 'tcp-x', appProtocol: 'grpc' })).toBe('http');
    expect(portProtocol({ name: 'http', appProtocol: 'mysql' })).toBe('tcp');
    expect(portProtocol({ name: 'http', appProtocol: 'https' })).toBe('tcp');
  });
});

describe('servicePorts', () => {
  it('leaves out ports Istio does not proxy (UDP, SCTP)', () => {
    const service = {
      spec: {
        ports: [
          { port: 9080, name: 'http' },
          { port: 53, name: 'dns', protocol: 'UDP' },
          { port: 5432, name: 'tcp-pg', protocol: 'TCP' },
          { port: 9999, protocol: 'SCTP' },
        ],
      },
    };
    expect(servicePorts(service)).toEqual([
      { port: 9080, protocol: 'http' },
      { port: 5432, protocol: 'tcp' },
    ]);
  });
});

describe('hostIsService', () => {
  it('accepts the short, partial and full names of the service, with or without a final dot', () => {
    for (const host of [
      'reviews',
      'reviews.demo',
      'reviews.demo.svc',
      'Reviews.demo.svc.cluster.local.',
    ]) {
      expect(hostIsService(host, 'reviews', 'demo')).toBe(true);
    }
    expect(hostIsService('reviews.other', 'reviews', 'demo')).toBe(false);
    expect(hostIsService('ratings', 'reviews', 'demo')).toBe(false);
  });
});
