/** Grayscale release: the release modes and release jobs. */
export const release = {
  modes: {
    heading: 'Release modes',
    canary: {
      title: 'Canary release',
      description:
        'Send part of the traffic to the new version, by percentage or by request content.',
    },
    bluegreen: {
      title: 'Blue-green deployment',
      description: 'Run both versions and switch all traffic to one of them at once.',
    },
    mirror: {
      title: 'Traffic mirroring',
      description:
        'Keep serving from the stable version and send a copy of the traffic to the new one.',
    },
  },
  jobs: {
    heading: 'Release jobs',
    fromCli:
      'The job list of this page is being built. Until then, `aviary job list -n PROJECT` lists the release jobs of a project, and `aviary job --help` shows how to drive them.',
  },
} as const;
