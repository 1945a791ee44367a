import { meshClusterName, unknown, type WorkloadIdentity } from './workload-identity';

/**
 * The label set of one request in Istio's standard metrics, for either reporter. Both proxies of
 * a hop describe the same request; only `reporter` and what each side can know differ (the source
 * side has no mTLS verdict to report, the destination side does).
 */
export type Reporter = 'source' | 'destination';

/** The service a request addressed, as Istio names it in `destination_service*`. */
export interface DestinationServiceName {
  /** FQDN for a registered service (`reviews.ns.svc.cluster.local`), else the host as addressed. */
  host: string;
  name: string;
  namespace: string;
}

export interface RequestLabelInput {
  reporter: Reporter;
  source: WorkloadIdentity;
  /** The pod that served the request; undefined when none was reached (metrics say "unknown"). */
  destination: WorkloadIdentity | undefined;
  service: DestinationServiceName;
  responseCode: number;
  responseFlags: string;
}

/** The labels Istio's stats filter writes for one HTTP request. */
export function requestLabels(input: RequestLabelInput): Record<string, string> {
  const { source, destination, service } = input;
  return {
    reporter: input.reporter,
    source_workload: source.workload,
    source_workload_namespace: source.namespace,
    source_principal: source.principal,
    source_app: source.app,
    source_version: source.version,
    source_cluster: source.workload === unknown ? unknown : meshClusterName,
    destination_workload: destination?.workload ?? unknown,
    destination_workload_namespace: destination?.namespace ?? unknown,
    destination_principal: destination?.principal ?? unknown,
    destination_app: destination?.app ?? unknown,
    destination_version: destination?.version ?? unknown,
    destination_service: service.host,
    destination_service_name: service.name,
    destination_service_namespace: service.namespace,
    destination_cluster: destination ? meshClusterName : unknown,
    request_protocol: 'http',
    response_code: String(input.responseCode),
    grpc_response_status: '',
    response_flags: input.responseFlags,
    // Sidecars talk auto-mTLS; only the receiving side can vouch for it.
    connection_security_policy:
      input.reporter === 'destination' && source.workload !== unknown ? 'mutual_tls' : unknown,
    source_canonical_service: source.canonicalService,
    destination_canonical_service: destination?.canonicalService ?? unknown,
    source_canonical_revision: source.canonicalRevision,
    destination_canonical_revision: destination?.canonicalRevision ?? unknown,
  };
}
