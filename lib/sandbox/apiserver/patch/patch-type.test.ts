import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { patchTypeFromContentType } from './patch-type';

describe('patchTypeFromContentType', () => {
  it.each([
    ['application/json-patch+json', 'json'],
    ['application/merge-patch+json', 'merge'],
    ['application/strategic-merge-patch+json', 'strategic'],
    ['application/apply-patch+yaml', 'apply'],
    ['application/merge-patch+json; charset=utf-8', 'merge'],
    ['Application/Apply-Patch+YAML ;charset=UTF-8', 'apply'],
  ])('%s -> %s', (contentType, expected) => {
    expect(patchTypeFromContentType(contentType)).toBe(expected);
  });

  it.each([
    ['application/json', true],
    ['application/vnd.kubernetes.protobuf', true],
    ['application/apply-patch+cbor', true],
    [undefined, true],
    ['application/strategic-merge-patch+json', false],
  ])('%s (strategic accepted: %s) -> 415', (contentType, acceptsStrategic) => {
    let error: unknown;
    try {
      patchTypeFromContentType(contentType, acceptsStrategic);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(415);
    expect((error as ApiError).message).toMatch(
      /^the body of the request was in an unknown format - accepted media types include: /,
    );
    expect((error as ApiError).message.includes('strategic-merge-patch')).toBe(acceptsStrategic);
  });
});
