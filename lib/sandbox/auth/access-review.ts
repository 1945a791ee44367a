/**
 * The authorization.k8s.io/v1 review APIs: SelfSubjectAccessReview ("may I?"), SubjectAccessReview
 * and LocalSubjectAccessReview ("may they?"), and SelfSubjectRulesReview ("what may I do here?").
 * Each takes the posted body and answers the same object with its `status` filled, or throws the
 * ApiError kube-apiserver answers (400 for a body that does not decode, 422 for an invalid spec).
 */
import { z } from 'zod';
import { badRequest, invalid } from '@/lib/sandbox/apiserver/errors';
import type { StatusCause } from '@/lib/sandbox/apiserver/types';
import { aggregateMessages, goQuote } from './go-format';
import type { RbacAuthorizer } from './rbac-authorizer';
import {
  nonResourceAttributes,
  resourceAttributes,
  type RequestAttributes,
} from './request-attributes';
import type { UserInfo } from './user-info';

const authorizationGroup = 'authorization.k8s.io';
const authorizationApiVersion = 'authorization.k8s.io/v1';

const reviewResourceAttributesSchema = z.looseObject({
  namespace: z.string().optional(),
  verb: z.string().optional(),
  group: z.string().optional(),
  version: z.string().optional(),
  resource: z.string().optional(),
  subresource: z.string().optional(),
  name: z.string().optional(),
});

const reviewNonResourceAttributesSchema = z.looseObject({
  path: z.string().optional(),
  verb: z.string().optional(),
});

const selfReviewSpecSchema = z.looseObject({
  resourceAttributes: reviewResourceAttributesSchema.nullish(),
  nonResourceAttributes: reviewNonResourceAttributesSchema.nullish(),
});

const subjectReviewSpecSchema = selfReviewSpecSchema.extend({
  user: z.string().optional(),
  groups: z.array(z.string()).nullish(),
  uid: z.string().optional(),
  extra: z.record(z.string(), z.array(z.string())).nullish(),
});

const metadataSchema = z.looseObject({ namespace: z.string().optional() }).nullish();

const selfSubjectAccessReviewSchema = z.looseObject({
  metadata: metadataSchema,
  spec: selfReviewSpecSchema,
});
const subjectAccessReviewSchema = z.looseObject({
  metadata: metadataSchema,
  spec: subjectReviewSpecSchema,
});
const selfSubjectRulesReviewSchema = z.looseObject({
  metadata: metadataSchema,
  spec: z.looseObject({ namespace: z.string().optional() }).nullish(),
});

export type ReviewResourceAttributes = z.infer<typeof reviewResourceAttributesSchema>;
export type ReviewNonResourceAttributes = z.infer<typeof reviewNonResourceAttributesSchema>;
type SelfReviewSpec = z.infer<typeof selfReviewSpecSchema>;
type SubjectReviewSpec = z.infer<typeof subjectReviewSpecSchema>;

export interface SubjectAccessReviewStatus {
  allowed: boolean;
  /** Only ever true for an explicit deny, which RBAC never gives; omitted otherwise, as in Kubernetes. */
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

/** An answered review: the posted object with Kubernetes' apiVersion, kind, metadata and status. */
export type AnsweredReview<Status> = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown>;
  status: Status;
};

/** Answers a SelfSubjectAccessReview: may `user` (the caller) do what the spec describes? */
export function selfSubjectAccessReview(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  body: unknown,
): AnsweredReview<SubjectAccessReviewStatus> {
  const review = decode(selfSubjectAccessReviewSchema, body, 'SelfSubjectAccessReview');
  const causes = validateAttributesChoice(review.spec);
  if (causes.length > 0) throw invalid(authorizationGroup, 'SelfSubjectAccessReview', '', causes);
  return answer(review, 'SelfSubjectAccessReview', accessStatus(authorizer, user, review.spec));
}

/** Answers a SubjectAccessReview: may the user the spec names do what it describes? */
export function subjectAccessReview(
  authorizer: RbacAuthorizer,
  body: unknown,
): AnsweredReview<SubjectAccessReviewStatus> {
  const review = decode(subjectAccessReviewSchema, body, 'SubjectAccessReview');
  const causes = validateSubjectSpec(review.spec);
  if (causes.length > 0) throw invalid(authorizationGroup, 'SubjectAccessReview', '', causes);
  return answer(
    review,
    'SubjectAccessReview',
    accessStatus(authorizer, subjectOf(review.spec), review.spec),
  );
}

/**
 * Answers a LocalSubjectAccessReview posted to `/apis/authorization.k8s.io/v1/namespaces/NS/...`:
 * a SubjectAccessReview confined to that namespace (the one `admin` may create).
 */
export function localSubjectAccessReview(
  authorizer: RbacAuthorizer,
  namespace: string,
  body: unknown,
): AnsweredReview<SubjectAccessReviewStatus> {
  const review = decode(subjectAccessReviewSchema, body, 'LocalSubjectAccessReview');
  const objectNamespace = review.metadata?.namespace ?? '';
  const causes = validateSubjectSpec(review.spec);
  const attributes = review.spec.resourceAttributes;
  if (attributes && (attributes.namespace ?? '') !== objectNamespace) {
    causes.push(
      fieldInvalid(
        'spec.resourceAttributes.namespace',
        goQuote(attributes.namespace ?? ''),
        'must match metadata.namespace',
      ),
    );
  }
  if (review.spec.nonResourceAttributes) {
    causes.push(
      fieldInvalid(
        'spec.nonResourceAttributes',
        goNonResourceAttributes(review.spec.nonResourceAttributes),
        'disallowed on this kind of request',
      ),
    );
  }
  if (causes.length > 0) throw invalid(authorizationGroup, 'LocalSubjectAccessReview', '', causes);
  if (!namespace) throw badRequest(`namespace is required on this type: ${namespace}`);
  if (namespace !== objectNamespace)
    throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`);
  return answer(
    review,
    'LocalSubjectAccessReview',
    accessStatus(authorizer, subjectOf(review.spec), review.spec),
  );
}

/**
 * Answers a SelfSubjectRulesReview: every rule bound to the caller cluster-wide and in
 * `spec.namespace` (required), split into resource and non-resource rules as `kubectl auth can-i
 * --list` shows them. Rules come from RBAC bindings only: system:masters' blanket allowance is not a
 * rule, exactly as in Kubernetes.
 */
export function selfSubjectRulesReview(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  body: unknown,
): AnsweredReview<SubjectRulesReviewStatus> {
  const review = decode(selfSubjectRulesReviewSchema, body, 'SelfSubjectRulesReview');
  const namespace = review.spec?.namespace ?? '';
  if (!namespace) throw badRequest('no namespace on request');
  const { rules, errors } = authorizer.rulesFor(user, namespace);
  const status: SubjectRulesReviewStatus = {
    resourceRules: rules
      .filter((rule) => (rule.resources ?? []).length > 0)
      .map((rule) => ({
        verbs: rule.verbs,
        ...(rule.apiGroups?.length ? { apiGroups: rule.apiGroups } : {}),
        resources: rule.resources,
        ...(rule.resourceNames?.length ? { resourceNames: rule.resourceNames } : {}),
      })),
    nonResourceRules: rules
      .filter((rule) => (rule.nonResourceURLs ?? []).length > 0)
      .map((rule) => ({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs })),
    incomplete: false,
    ...(errors.length > 0 ? { evaluationError: aggregateMessages(errors) } : {}),
  };
  return answer(review, 'SelfSubjectRulesReview', status);
}

/** The attributes a review's spec describes, as `authorizationutil.AuthorizationAttributesFrom` builds them. */
export function attributesFromReviewSpec(spec: SelfReviewSpec): RequestAttributes {
  const attributes = spec.resourceAttributes;
  if (attributes) {
    return resourceAttributes({
      verb: attributes.verb ?? '',
      apiGroup: attributes.group ?? '',
      // An empty version means any version: RBAC ignores it either way.
      apiVersion: attributes.version || '*',
      resource: attributes.resource ?? '',
      subresource: attributes.subresource ?? '',
      namespace: attributes.namespace ?? '',
      name: attributes.name ?? '',
    });
  }
  return nonResourceAttributes(
    spec.nonResourceAttributes?.verb ?? '',
    spec.nonResourceAttributes?.path ?? '',
  );
}

function accessStatus(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  spec: SelfReviewSpec,
): SubjectAccessReviewStatus {
  const decision = authorizer.authorize(user, attributesFromReviewSpec(spec));
  return { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
}

function subjectOf(spec: SubjectReviewSpec): UserInfo {
  return {
    name: spec.user ?? '',
    groups: spec.groups ?? [],
    ...(spec.uid ? { uid: spec.uid } : {}),
    ...(spec.extra ? { extra: spec.extra } : {}),
  };
}

function validateAttributesChoice(spec: SelfReviewSpec): StatusCause[] {
  const causes: StatusCause[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    causes.push(
      fieldInvalid(
        'spec.nonResourceAttributes',
        goNonResourceAttributes(spec.nonResourceAttributes),
        'cannot be specified in combination with resourceAttributes',
      ),
    );
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    causes.push(
      fieldInvalid(
        'spec.resourceAttributes',
        'null',
        'exactly one of nonResourceAttributes or resourceAttributes must be specified',
      ),
    );
  }
  return causes;
}

function validateSubjectSpec(spec: SubjectReviewSpec): StatusCause[] {
  const causes = validateAttributesChoice(spec);
  if (!spec.user && (spec.groups ?? []).length === 0) {
    causes.push(
      fieldInvalid(
        'spec.user',
        goQuote(spec.user ?? ''),
        'at least one of user or group must be specified',
      ),
    );
  }
  return causes;
}

/** A FieldValueInvalid cause; `shownValue` is already formatted as Kubernetes prints the bad value. */
function fieldInvalid(field: string, shownValue: string, detail: string): StatusCause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${shownValue}: ${detail}`, field };
}

/** How Go's `%#v` prints the internal NonResourceAttributes struct in a validation message. */
function goNonResourceAttributes(attributes: ReviewNonResourceAttributes): string {
  return `authorization.NonResourceAttributes{Path:${goQuote(attributes.path ?? '')}, Verb:${goQuote(attributes.verb ?? '')}}`;
}

function decode<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  kind: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw badRequest(
    `the body of the ${kind} could not be decoded${where}: ${issue?.message ?? 'invalid body'}`,
  );
}

function answer<Status>(
  review: { metadata?: Record<string, unknown> | null } & Record<string, unknown>,
  kind: string,
  status: Status,
): AnsweredReview<Status> {
  return {
    ...review,
    apiVersion: authorizationApiVersion,
    kind,
    metadata: { ...review.metadata, creationTimestamp: null },
    status,
  };
}
