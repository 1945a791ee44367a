/** Application governance (sidecar injection per application). */
export const governance = {
  state: {
    on: 'Governance on',
    off: 'Governance off',
    partial: 'Partly governed',
    none: 'No workloads',
  },
  inProgress: 'Pods restarting: {done} of {total} ready as asked',
  switchLabel: 'Application governance for {name}',
  turnOn: {
    title: 'Turn on application governance for {name}?',
    description:
      'Istio sidecars are injected into the {count, plural, one {# workload} other {# workloads}} of {name}: their pods restart one by one. Traffic to them then follows VirtualServices and shows in the metrics, and grayscale releases become possible.',
    confirm: 'Turn on',
  },
  turnOff: {
    title: 'Turn off application governance for {name}?',
    description:
      'The sidecars are removed from the {count, plural, one {# workload} other {# workloads}} of {name}: their pods restart. Requests to them are no longer routed by VirtualServices nor reported in Istio metrics, and no release job can be created for them.',
    confirm: 'Turn off',
  },
  changed: 'Governance of {name} is being turned {state, select, on {on} other {off}}.',
  why: 'Governance is Istio sidecar injection for the application’s workloads; release jobs need it.',
} as const;
