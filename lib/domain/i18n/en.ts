/** English messages: the reference catalog. Every other catalog must have exactly these keys. */
export const en = {
  'app.name': 'Aviary',
  'app.tagline': 'Grayscale releases on an Istio service mesh',
  'nav.label': 'Console sections',
  'nav.grayscale': 'Grayscale Release',
  'nav.topology': 'Traffic Topology',
  'nav.tracing': 'Tracing',
  'header.project': 'Project',
  'header.projectSwitcher': 'Switch project',
  'header.userMenu': 'User menu',
  'header.signedOut': 'Not signed in',
  'header.language': 'Language',
  'page.grayscale.title': 'Grayscale Release',
  'page.grayscale.intro':
    'Introduce a new version of a service, send it a share of traffic by percentage or by request content, compare both versions, then let the new one take over or roll back.',
  'page.grayscale.modes': 'Release modes',
  'mode.canary': 'Canary release',
  'mode.canary.description':
    'Send part of the traffic to the new version, by percentage or by request content.',
  'mode.bluegreen': 'Blue-green deployment',
  'mode.bluegreen.description': 'Run both versions and switch all traffic to one of them at once.',
  'mode.mirror': 'Traffic mirroring',
  'mode.mirror.description':
    'Keep serving from the stable version and send a copy of the traffic to the new one.',
  'page.grayscale.jobs': 'Release jobs',
  'page.grayscale.jobsFromCli':
    'The job list of this page is being built. Until then, `aviary job list -n PROJECT` lists the release jobs of a project, and `aviary job --help` shows how to drive them.',
  'page.topology.title': 'Traffic Topology',
  'page.topology.intro':
    'How the services of this project call each other, with request rate, success rate and latency on every edge.',
  'page.tracing.title': 'Tracing',
  'page.tracing.intro':
    'Find requests by service, operation, tags and duration, and follow each one through the mesh.',
  'page.comingSoon': 'This page is being built.',
  'locale.en': 'English',
  'locale.zh-CN': '简体中文',
} as const;

export type MessageKey = keyof typeof en;
