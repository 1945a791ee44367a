import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { describeApiError } from '../kube/api-error';
import {
  ReleaseConflictError,
  ReleaseError,
  ReleaseForbiddenError,
  ReleaseNotFoundError,
  toReleaseError,
} from './release-errors';

const status = (code: number, reason: string, message: string, details?: object) =>
  new ApiException(
    code,
    'ignored',
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason,
      message,
      details,
      code,
    }),
    {},
  );

describe('toReleaseError', () => {
  it("passes the API server's own words through for a 403", () => {
    const error = toReleaseError(
      status(
        403,
        'Forbidden',
        'releasejobs.aviary.dev "x" is forbidden: User "vera" cannot update',
      ),
    );
    expect(error).toBeInstanceOf(ReleaseForbiddenError);
    expect(error).toMatchObject({
      status: 403,
      message: 'releasejobs.aviary.dev "x" is forbidden: User "vera" cannot update',
    });
  });

  it('says the CRD is missing when a 404 names no object, as kube-apiserver answers an unserved path', () => {
    const plain = toReleaseError(new ApiException(404, 'ignored', '404 page not found\n', {}));
    expect(plain).toBeInstanceOf(ReleaseNotFoundError);
    expect((plain as Error).message).toBe(
      "the cluster does not serve releasejobs.aviary.dev/v1alpha1: install Aviary's CRD (kubectl apply -f deploy/release-job-crd.yaml)",
    );
    const named = toReleaseError(
      status(404, 'NotFound', 'services "web" not found', { name: 'web', kind: 'services' }),
    );
    expect((named as Error).message).toBe('services "web" not found');
  });

  it('maps 401 and 409, keeps other statuses with their reason, and leaves non-API errors alone', () => {
    expect(toReleaseError(status(401, 'Unauthorized', 'Unauthorized'))).toMatchObject({
      status: 401,
      message: expect.stringContaining("check the kubeconfig's token") as string,
    });
    expect(toReleaseError(status(409, 'Conflict', 'the object has been modified'))).toBeInstanceOf(
      ReleaseConflictError,
    );
    expect(toReleaseError(status(422, 'Invalid', 'spec.x: Invalid value'))).toMatchObject({
      status: 422,
      message: 'the API server refused the request (422 Invalid): spec.x: Invalid value',
    });
    const own = new ReleaseError('mine', 400);
    expect(toReleaseError(own)).toBe(own);
    const other = new Error('ECONNREFUSED');
    expect(toReleaseError(other)).toBe(other);
  });
});

describe('describeApiError', () => {
  it("is one line with the code, reason and message, not client-node's dump", () => {
    expect(describeApiError(status(403, 'Forbidden', 'no'))).toBe('403 Forbidden: no');
    expect(describeApiError(new ApiException(404, 'x', '404 page not found\n', {}))).toBe(
      '404: 404 page not found',
    );
    expect(describeApiError(new Error('boom'))).toBe('boom');
  });
});
