/** Failure pages and messages: not found, forbidden, unreachable. */
export const errors = {
  notFound: {
    title: 'Not found',
    message: 'There is nothing at this address.',
    home: 'Open the console',
  },
} as const;
