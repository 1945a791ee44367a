/**
 * SelfSubjectReview (authentication.k8s.io/v1, Kubernetes 1.28+): "who am I, as the API server
 * authenticated me?". It answers the caller's user as the request carries it after authentication
 * and impersonation, as kube-apiserver's `selfsubjectreview` REST storage builds it: a fresh object
 * (nothing posted is echoed back) with `status.userInfo` and a creation timestamp. `kubectl auth
 * whoami` and the release controller's actor record ask it.
 */
import { z } from 'zod';
import { badRequest } from '@/lib/sandbox/apiserver/errors';
import { kubeTimestamp } from '@/lib/sandbox/apiserver/core/server-metadata';
import type { UserInfo } from './user-info';

const authenticationApiVersion = 'authentication.k8s.io/v1';

/**
 * What a posted SelfSubjectReview may hold. Its spec-less body carries nothing the answer uses, but
 * a body kube-apiserver could not decode into the type (a non-object metadata, a status of the
 * wrong shape) is refused as it refuses it.
 */
const selfSubjectReviewSchema = z.looseObject({
  metadata: z.looseObject({}).nullish(),
  status: z
    .looseObject({
      userInfo: z
        .looseObject({
          username: z.string().optional(),
          uid: z.string().optional(),
          groups: z.array(z.string()).nullish(),
          extra: z.record(z.string(), z.array(z.string()).nullable()).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});

/** `authentication.k8s.io/v1` UserInfo: every field is `omitempty` in Kubernetes' JSON. */
export interface SelfSubjectReviewUserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface SelfSubjectReview {
  apiVersion: typeof authenticationApiVersion;
  kind: 'SelfSubjectReview';
  metadata: { creationTimestamp: string };
  status: { userInfo: SelfSubjectReviewUserInfo };
}

/**
 * Answers a SelfSubjectReview posted by `user` (already authenticated and, when the request
 * impersonates, the impersonated user with the groups kube-apiserver gives it). Throws the 400
 * kube-apiserver answers for a body that does not decode.
 */
export function selfSubjectReview(
  user: UserInfo,
  body: unknown,
  now: Date = new Date(),
): SelfSubjectReview {
  const parsed = selfSubjectReviewSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw badRequest(
      `the body of the SelfSubjectReview could not be decoded${where}: ${issue?.message ?? 'invalid body'}`,
    );
  }
  const extra = Object.entries(user.extra ?? {});
  return {
    apiVersion: authenticationApiVersion,
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: kubeTimestamp(now) },
    status: {
      userInfo: {
        ...(user.name ? { username: user.name } : {}),
        ...(user.uid ? { uid: user.uid } : {}),
        ...(user.groups.length > 0 ? { groups: [...user.groups] } : {}),
        ...(extra.length > 0
          ? { extra: Object.fromEntries(extra.map(([key, values]) => [key, [...values]])) }
          : {}),
      },
    },
  };
}
