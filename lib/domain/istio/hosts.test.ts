import { describe, expect, it } from 'vitest';
import {
  gatewayMatches,
  hostMatchScore,
  hostWithoutPort,
  requestHostNames,
  resolveConfigHost,
  resolveGatewayName,
  serviceOfHost,
} from './hosts';

describe('host names', () => {
  it.each([
    ['reviews:9080', 'reviews'],
    ['Reviews.Default.svc.cluster.local.', 'reviews.default.svc.cluster.local'],
    ['[::1]:8080', '[::1]'],
    ['bookinfo.example.com', 'bookinfo.example.com'],
  ])('hostWithoutPort(%j) is %j', (authority, host) => {
    expect(hostWithoutPort(authority)).toBe(host);
  });

  it.each([
    ['reviews', 'default', 'reviews.default.svc.cluster.local'],
    ['reviews', 'test', 'reviews.test.svc.cluster.local'],
    ['reviews.default.svc.cluster.local', 'test', 'reviews.default.svc.cluster.local'],
    ['*.example.com', 'test', '*.example.com'],
    ['*', 'test', '*'],
    ['api.example.com', 'test', 'api.example.com'],
  ])('resolveConfigHost(%j in %j) is %j', (host, namespace, resolved) => {
    expect(resolveConfigHost(host, namespace)).toBe(resolved);
  });

  it.each([
    ['reviews:9080', 'default', ['reviews.default.svc.cluster.local', 'reviews']],
    ['reviews.test', 'default', ['reviews.test.svc.cluster.local', 'reviews.test']],
    ['reviews.test.svc', 'default', ['reviews.test.svc.cluster.local']],
    ['reviews.test.svc.cluster.local', 'default', ['reviews.test.svc.cluster.local']],
    ['bookinfo.example.com', 'default', ['bookinfo.example.com']],
  ])('requestHostNames(%j from %j)', (authority, namespace, names) => {
    expect(requestHostNames(authority, namespace)).toEqual(names);
  });

  it.each<[string, string[], number]>([
    ['reviews.default.svc.cluster.local', ['reviews.default.svc.cluster.local'], 1_000_000],
    ['*.default.svc.cluster.local', ['reviews.default.svc.cluster.local'], 26],
    ['*.svc.cluster.local', ['reviews.default.svc.cluster.local'], 18],
    ['*', ['anything'], 0],
    ['*.example.com', ['example.com'], -1],
    ['ratings.default.svc.cluster.local', ['reviews.default.svc.cluster.local'], -1],
  ])('hostMatchScore(%j, %j) is %d', (configHost, names, score) => {
    expect(hostMatchScore(configHost, names)).toBe(score);
  });

  it.each([
    ['reviews.default.svc.cluster.local', { name: 'reviews', namespace: 'default' }],
    ['reviews.default.svc', undefined],
    ['a.b.c.svc.cluster.local', undefined],
    ['api.example.com', undefined],
  ])('serviceOfHost(%j)', (host, service) => {
    expect(serviceOfHost(host)).toEqual(service);
  });
});

describe('gateway names', () => {
  it.each([
    ['mesh', 'default', 'mesh'],
    ['bookinfo-gateway', 'default', 'default/bookinfo-gateway'],
    ['istio-system/ingress', 'default', 'istio-system/ingress'],
    ['bookinfo-gateway.test.svc.cluster.local', 'default', 'test/bookinfo-gateway'],
  ])('resolveGatewayName(%j in %j) is %j', (gateway, namespace, resolved) => {
    expect(resolveGatewayName(gateway, namespace)).toBe(resolved);
  });

  it.each<[string, string, boolean]>([
    ['mesh', 'mesh', true],
    ['default/bookinfo-gateway', 'mesh', false],
    ['mesh', 'default/bookinfo-gateway', false],
    ['default/bookinfo-gateway', 'default/bookinfo-gateway', true],
    ['default/bookinfo-gateway', 'bookinfo-gateway', true],
    ['default/bookinfo-gateway', 'test/bookinfo-gateway', false],
  ])('gatewayMatches(%j, %j) is %j', (resolved, requested, expected) => {
    expect(gatewayMatches(resolved, requested)).toBe(expected);
  });
});
