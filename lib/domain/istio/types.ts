/**
 * The subset of networking.istio.io (v1, v1beta1, v1alpha3 share these shapes) that Aviary reads
 * and writes, as plain JSON types. Field names follow Istio's CRD schemas exactly, so an object
 * read from the cluster round-trips; the zod schemas next to this file keep unknown fields.
 */

/** Kubernetes object metadata: only the fields routing and validation look at. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  /** RFC 3339; Istio orders VirtualServices for the same host by creation time. */
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
}

/**
 * One of `exact`, `prefix` or `regex` (RE2, whole value). `{}` (no operator) means "present".
 * More than one operator is invalid in Istio; validation reports it.
 */
export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface PortSelector {
  number?: number;
}

export interface Destination {
  host: string;
  subset?: string;
  port?: PortSelector;
}

export interface HeaderOperations {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

export interface HeaderManipulation {
  request?: HeaderOperations;
  response?: HeaderOperations;
}

/** One HTTPMatchRequest block: every field set must hold (AND); blocks of a rule are OR-ed. */
export interface HTTPMatchRequest {
  name?: string;
  uri?: StringMatch;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  queryParams?: Record<string, StringMatch>;
  ignoreUriCase?: boolean;
  port?: number;
  sourceLabels?: Record<string, string>;
  gateways?: string[];
  sourceNamespace?: string;
}

export interface HTTPRouteDestination {
  destination: Destination;
  weight?: number;
  headers?: HeaderManipulation;
}

export interface HTTPRedirect {
  uri?: string;
  authority?: string;
  port?: number;
  derivePort?: 'FROM_PROTOCOL_DEFAULT' | 'FROM_REQUEST_PORT';
  scheme?: string;
  redirectCode?: number;
}

export interface HTTPRewrite {
  uri?: string;
  authority?: string;
  uriRegexRewrite?: { match?: string; rewrite?: string };
}

export interface HTTPRetry {
  attempts?: number;
  perTryTimeout?: string;
  retryOn?: string;
}

export interface Percent {
  value?: number;
}

export interface HTTPFaultInjection {
  delay?: {
    fixedDelay?: string;
    percentage?: Percent;
    /** Deprecated integer percentage, still accepted by Istio. */
    percent?: number;
  };
  abort?: {
    httpStatus?: number;
    percentage?: Percent;
  };
}

export interface HTTPMirrorPolicy {
  destination: Destination;
  percentage?: Percent;
}

export interface HTTPDirectResponse {
  status: number;
  body?: { string?: string; bytes?: string };
}

export interface HTTPRoute {
  name?: string;
  match?: HTTPMatchRequest[];
  route?: HTTPRouteDestination[];
  redirect?: HTTPRedirect;
  directResponse?: HTTPDirectResponse;
  rewrite?: HTTPRewrite;
  timeout?: string;
  retries?: HTTPRetry;
  fault?: HTTPFaultInjection;
  mirror?: Destination;
  mirrorPercentage?: Percent;
  /** Deprecated integer form of `mirrorPercentage`. */
  mirrorPercent?: number;
  mirrors?: HTTPMirrorPolicy[];
  headers?: HeaderManipulation;
}

export interface L4MatchAttributes {
  port?: number;
  sourceLabels?: Record<string, string>;
  gateways?: string[];
  sourceNamespace?: string;
  destinationSubnets?: string[];
}

export interface RouteDestination {
  destination: Destination;
  weight?: number;
}

export interface TCPRoute {
  match?: L4MatchAttributes[];
  route?: RouteDestination[];
}

export interface VirtualServiceSpec {
  hosts?: string[];
  gateways?: string[];
  http?: HTTPRoute[];
  tcp?: TCPRoute[];
  exportTo?: string[];
}

export interface VirtualService {
  apiVersion: string;
  kind: 'VirtualService';
  metadata: ObjectMeta;
  spec: VirtualServiceSpec;
}

export interface Subset {
  name: string;
  labels?: Record<string, string>;
  /** Load balancer, connection pool, outlier detection: kept as written, not interpreted here. */
  trafficPolicy?: Record<string, unknown>;
}

export interface DestinationRuleSpec {
  host: string;
  subsets?: Subset[];
  trafficPolicy?: Record<string, unknown>;
  exportTo?: string[];
}

export interface DestinationRule {
  apiVersion: string;
  kind: 'DestinationRule';
  metadata: ObjectMeta;
  spec: DestinationRuleSpec;
}

export interface GatewayServer {
  name?: string;
  port: { number: number; name?: string; protocol?: string; targetPort?: number };
  hosts: string[];
  bind?: string;
  tls?: Record<string, unknown>;
}

export interface GatewaySpec {
  selector?: Record<string, string>;
  servers?: GatewayServer[];
}

export interface Gateway {
  apiVersion: string;
  kind: 'Gateway';
  metadata: ObjectMeta;
  spec: GatewaySpec;
}

/** The gateway name of sidecar (east-west) traffic, as Istio spells it. */
export const meshGateway = 'mesh';

/** A request as a proxy sees it, at the moment it picks a route. */
export interface MeshRequest {
  /** `:authority` (the Host header), possibly with `:port`. */
  host: string;
  /** The port the caller addressed: the service port for sidecars, the listener port at a gateway. */
  port: number;
  method: string;
  /** `http` or `https`. */
  scheme: string;
  /** `:path`, query string included. */
  path: string;
  /** Lower-cased header names; cookies inside `cookie`. Repeated headers are joined with ",". */
  headers: Readonly<Record<string, string | readonly string[]>>;
  /** Labels of the calling workload (the gateway's own labels at an ingress gateway). */
  sourceLabels: Readonly<Record<string, string>>;
  /** Namespace of the calling workload; short host names resolve in it. */
  sourceNamespace: string;
  /** `mesh` for sidecar traffic, else the gateway the request entered through (`ns/name` or `name`). */
  gateway: string;
}

/** A Kubernetes Service known to the mesh registry (for default routing and host checks). */
export interface ServiceRef {
  name: string;
  namespace: string;
  /** The Service's ports: a destination without a port goes to the only one, as in Istio. */
  ports?: readonly number[];
}

/** The Istio configuration a proxy routes with. */
export interface RoutingConfig {
  virtualServices: readonly VirtualService[];
  destinationRules: readonly DestinationRule[];
  /** Services in the registry: a host with no VirtualService routes to its service by default. */
  services?: readonly ServiceRef[];
  /** Kubernetes cluster domain; `cluster.local` unless told otherwise. */
  clusterDomain?: string;
}

/** Where one decision came from: a VirtualService, or Istio's default route (no VirtualService). */
export interface VirtualServiceRef {
  name: string;
  namespace: string;
}

export interface DestinationDecision {
  /** Fully qualified host (`reviews.default.svc.cluster.local`), or the external host as written. */
  host: string;
  /** The Kubernetes Service behind `host`, when it is a cluster-local service name. */
  service?: ServiceRef;
  subset?: string;
  port: number;
}

export interface MirrorDecision {
  destination: DestinationDecision;
  /** The configured share (0-100] this mirror fires for; it fired for this request. */
  percentage: number;
}

export interface FaultDecision {
  delayMs?: number;
  abortStatus?: number;
}

export interface RetryDecision {
  attempts: number;
  perTryTimeoutMs?: number;
  retryOn: string;
}

export interface RewriteDecision {
  /** The path (query kept) forwarded upstream after a `rewrite.uri` prefix rewrite. */
  path?: string;
  authority?: string;
  /** `rewrite.uriRegexRewrite` as written; the data plane applies it. */
  uriRegexRewrite?: { match?: string; rewrite?: string };
}

export interface RuleOrigin {
  virtualService: VirtualServiceRef;
  /** Index of the rule in `spec.http` of that VirtualService. */
  ruleIndex: number;
  ruleName?: string;
  /** Index of the match block that held; undefined for a rule without `match`. */
  matchIndex?: number;
}

export interface RouteDecision extends Partial<RuleOrigin> {
  kind: 'route';
  /** Envoy's route name: rule name, `.match name` when the block has one; `default` without a VirtualService. */
  routeName: string;
  destination: DestinationDecision;
  /** Mirrors that fire for this request (already drawn). */
  mirrors: MirrorDecision[];
  fault?: FaultDecision;
  timeoutMs?: number;
  retries: RetryDecision;
  rewrite?: RewriteDecision;
  /** Rule-level header operations, then the chosen destination's (which win on `set`). */
  headers?: HeaderManipulation;
}

export interface RedirectDecision extends RuleOrigin {
  kind: 'redirect';
  status: number;
  location: string;
}

export interface DirectResponseDecision extends RuleOrigin {
  kind: 'direct-response';
  status: number;
  body?: string;
}

export interface NoRouteDecision {
  kind: 'no-route';
  status: 404;
  responseFlags: 'NR';
  /**
   * A sidecar's request to a host that neither a Service nor a VirtualService of the mesh holds:
   * Envoy has no route of its own for it, and the mesh's `outboundTrafficPolicy` decides
   * (ALLOW_ANY, the default, passes it through to PassthroughCluster; REGISTRY_ONLY answers 502
   * from BlackHoleCluster). The 404 NR stands only where no such policy applies.
   */
  unregisteredHost?: true;
}

export interface NoClusterDecision extends RuleOrigin {
  kind: 'no-cluster';
  status: 503;
  responseFlags: 'NC';
  /** The destination that names a subset no DestinationRule defines (absent when none could be chosen). */
  destination?: DestinationDecision;
}

export type RoutingDecision =
  RouteDecision | RedirectDecision | DirectResponseDecision | NoRouteDecision | NoClusterDecision;

/** A random source in [0, 1): `Math.random` in production, a seeded generator in tests. */
export type RandomSource = () => number;
