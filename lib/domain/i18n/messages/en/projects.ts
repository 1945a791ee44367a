/** The project list, the project switcher and a project's overview. */
export const projects = {
  list: {
    title: 'Projects',
    intro:
      'The projects you are a member of. A project is a Kubernetes namespace; your role in it decides what you may do.',
    introAdmin:
      'Every project of the cluster. A project is a Kubernetes namespace; members get a role in it.',
    label: 'Projects',
    filter: 'Filter projects',
    name: 'Project',
    description: 'Description',
    role: 'Your role',
    members: 'Members',
    releaseJobs: 'Release jobs',
    applications: 'Applications',
    governance: 'Application governance',
    created: 'Created',
    noRole: 'Platform administrator',
    empty: 'You are not a member of any project yet.',
    emptyHint: 'Ask a platform administrator or a project administrator to invite you.',
    emptyAdmin: 'There are no projects yet.',
    terminating: 'Being deleted',
  },
  create: {
    open: 'Create project',
    title: 'Create project',
    description:
      'A project is a namespace with Istio sidecar injection on, so its workloads are governed from the start.',
    name: 'Name',
    nameHint: 'Lowercase letters, digits and "-", at most 63 characters.',
    descriptionField: 'Description',
    submit: 'Create',
    created: 'Project {name} created.',
  },
  switcher: {
    label: 'Project',
    placeholder: 'Choose a project',
    all: 'All projects',
  },
  overview: {
    title: 'Applications',
    intro:
      'The applications of {project}: their services and, for each service, the workloads of every version.',
    empty: 'This project has no applications yet.',
    emptyHint:
      'Deploy workloads labelled app.kubernetes.io/name (or app), or an Application object, and they show here.',
    service: 'Service',
    ports: 'Ports',
    version: 'Version',
    workload: 'Workload',
    image: 'Image',
    pods: 'Pods ready',
    sidecars: 'Sidecars',
    fromLabels: 'Grouped by labels',
    noWorkloads: 'No workloads select this service.',
    releaseJob: 'Release job {name}',
    live: 'Live',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    paused: 'Paused while the tab is hidden',
    liveDenied: 'Live updates are not allowed for you here',
  },
} as const;
