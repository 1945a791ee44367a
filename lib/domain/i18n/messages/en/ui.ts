/** The interface parts of components/ui: buttons, dialogs, tables, copy buttons. */
export const ui = {
  close: 'Close',
  cancel: 'Cancel',
  confirm: 'Confirm',
  loading: 'Loading…',
  working: 'Working…',
  retry: 'Retry',
  dismiss: 'Dismiss',
  notifications: 'Notifications',
  copy: {
    button: 'Copy',
    label: 'Copy {name}',
    copied: 'Copied',
    announceCopied: '{name} copied to the clipboard',
    failed: 'Could not copy: select the text and copy it by hand',
  },
  error: {
    title: 'Something went wrong',
  },
  table: {
    filter: 'Filter',
    filterPlaceholder: 'Filter by any column',
    empty: 'Nothing here yet',
    noMatches: 'No rows match “{filter}”',
    rowCount: '{count, plural, =0 {No rows} one {# row} other {# rows}}',
    filteredCount: '{shown, number} of {count, plural, one {# row} other {# rows}}',
    sortBy: 'Sort by {column}',
  },
  password: {
    show: 'Show password',
    hide: 'Hide password',
  },
  select: {
    placeholder: 'Choose…',
  },
  field: {
    required: 'required',
  },
  yaml: {
    label: 'YAML',
    lines: '{count, plural, one {# line} other {# lines}}',
  },
  progress: {
    value: '{value, number, percent}',
  },
} as const;
