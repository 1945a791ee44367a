/** The console's frame: header, navigation and the section pages' titles. */
export const shell = {
  nav: {
    label: 'Console sections',
    overview: 'Overview',
    members: 'Members',
    grayscale: 'Grayscale Release',
    topology: 'Traffic Topology',
    tracing: 'Tracing',
  },
  header: {
    project: 'Project',
    projectSwitcher: 'Switch project',
    userMenu: 'User menu',
    signedOut: 'Not signed in',
    language: 'Language',
  },
  sections: {
    grayscale: {
      title: 'Grayscale Release',
      intro:
        'Introduce a new version of a service, send it a share of traffic by percentage or by request content, compare both versions, then let the new one take over or roll back.',
    },
    topology: {
      title: 'Traffic Topology',
      intro:
        'How the services of this project call each other, with request rate, success rate and latency on every edge.',
    },
    tracing: {
      title: 'Tracing',
      intro:
        'Find requests by service, operation, tags and duration, and follow each one through the mesh.',
    },
  },
} as const;
