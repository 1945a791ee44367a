/**
 * Which field labels each resource accepts in a `fieldSelector`, after kube-apiserver's field
 * label conversion functions (pkg/apis/core/v1/conversion.go and friends), and where each label's
 * value lives in the object. Built-in resources not listed accept only `metadata.name` and
 * `metadata.namespace`, with the message of `DefaultMetaV1FieldSelectorConversion`; custom
 * resources add their CRD's selectableFields and answer `field label not supported: X`.
 */

export interface SelectableField {
  /** The dotted path in the object. Usually the label itself; events' `source` is `source.component`. */
  path: string;
  /** What the typed field prints when absent (a Go bool is "false", an int32 "0"). */
  absent?: string;
}

const meta = {
  'metadata.name': { path: 'metadata.name' },
  'metadata.namespace': { path: 'metadata.namespace' },
} satisfies Record<string, SelectableField>;

const same = (...labels: string[]): Record<string, SelectableField> =>
  Object.fromEntries(labels.map((label) => [label, { path: label }]));

/**
 * Keyed by qualified resource: `pods` for the core group, `replicasets.apps` otherwise. Each of
 * these kinds has its own conversion function, whose error is `field label not supported: X`.
 */
export const selectableFieldsByResource: Record<string, Record<string, SelectableField>> = {
  pods: {
    ...meta,
    ...same('spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName'),
    ...same('status.phase', 'status.podIP', 'status.nominatedNodeName'),
    'spec.hostNetwork': { path: 'spec.hostNetwork', absent: 'false' },
  },
  events: {
    ...meta,
    ...same(
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'type',
    ),
    source: { path: 'source.component' },
  },
  secrets: { ...meta, ...same('type') },
  // Namespaces are cluster-scoped: their conversion function has no metadata.namespace.
  namespaces: { 'metadata.name': meta['metadata.name'], ...same('status.phase') },
  nodes: {
    'metadata.name': meta['metadata.name'],
    'spec.unschedulable': { path: 'spec.unschedulable', absent: 'false' },
  },
  replicationcontrollers: { ...meta, 'status.replicas': { path: 'status.replicas', absent: '0' } },
  'replicasets.apps': { ...meta, 'status.replicas': { path: 'status.replicas', absent: '0' } },
  'jobs.batch': { ...meta, 'status.successful': { path: 'status.successful', absent: '0' } },
};

/**
 * The selectable fields of a resource and the message for a label outside them. `resourceKey` is
 * the qualified resource (`pods`, `deployments.apps`, `virtualservices.networking.istio.io`).
 */
export function selectableFields(
  resourceKey: string,
  customResourceFields?: readonly string[],
): {
  fields: Record<string, SelectableField>;
  unsupported: (label: string) => string;
} {
  // A custom resource: metadata.name, metadata.namespace and its CRD's selectableFields, as the
  // custom resource's own conversion function accepts them.
  if (customResourceFields) {
    const labels = customResourceFields.map((path) => path.replace(/^\./, ''));
    return {
      fields: { ...meta, ...same(...labels) },
      unsupported: (label) => `field label not supported: ${label}`,
    };
  }
  const custom = selectableFieldsByResource[resourceKey];
  if (custom)
    return { fields: custom, unsupported: (label) => `field label not supported: ${label}` };
  return {
    fields: meta,
    unsupported: (label) =>
      `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
  };
}
