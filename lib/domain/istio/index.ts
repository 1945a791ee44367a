/**
 * Istio's networking semantics for Aviary: object types and schemas, THE routing function shared
 * by the sandbox data plane and the console, validation, and the builders of request rules.
 */
export * from './types';
export { virtualServiceSchema, httpMatchRequestSchema } from './virtual-service-schema';
export { destinationRuleSchema } from './destination-rule-schema';
export { gatewaySchema } from './gateway-schema';
export { routeRequest } from './route-request';
export {
  routeTcpConnection,
  type TcpConnection,
  type TcpRoutingDecision,
} from './route-connection';
export { meshDefaultRetries } from './route-actions';
export { subsetSelector, findSubset, destinationRulesForHost } from './destination-rules';
export { podsForDestination, pickPod, type EndpointPod } from './destination-pods';
export {
  validateVirtualService,
  virtualServiceValidationCodes,
  type ValidationContext,
  type ValidationIssue,
  type VirtualServiceValidationCode,
} from './validate-virtual-service';
export {
  buildMatchBlock,
  clientOsRegex,
  cookieRegex,
  escapeRe2,
  type ClientOs,
  type MatchBlockResult,
  type RequestCondition,
  type StringOperator,
} from './request-rule-builders';
export {
  compileRe2,
  evaluateStringMatch,
  isPresenceMatch,
  stringMatchOperators,
} from './string-match';
export { matchBlockHolds, matchBlockAppliesToProxy } from './http-match';
export { parseDurationMs } from './duration';
export {
  defaultClusterDomain,
  resolveConfigHost,
  resolveGatewayName,
  serviceAddressedBy,
  serviceOfHost,
} from './hosts';
export { seededRandom } from './seeded-random';
