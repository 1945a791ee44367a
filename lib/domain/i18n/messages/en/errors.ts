/** Failure pages and messages: not found, forbidden, unreachable. */
export const errors = {
  notFound: {
    title: 'Not found',
    message: 'There is nothing at this address.',
    home: 'Open the console',
  },
  projectNotFound: {
    title: 'Project not found',
    messageUnnamed: 'There is no such project, or it was deleted.',
    back: 'All projects',
  },
  forbidden: {
    title: 'Not allowed',
    message: 'You may not {action}: {reason}',
    contact: 'Ask an administrator of this project to give you a role that allows it.',
  },
  cluster: {
    unreachableTitle: 'The Kubernetes API server cannot be reached',
    unreachable:
      'The console keeps retrying and will recover by itself; what you see may be out of date.',
    offlineTitle: 'The console cannot be reached',
    offline: 'Check your connection; the page retries by itself.',
  },
  generic: {
    title: 'Something went wrong',
    retry: 'Try again',
  },
} as const;
