/** Platform accounts, managed by platform administrators. */
export const users = {
  page: {
    title: 'Accounts',
    intro:
      'The accounts that sign in to Aviary. Platform administrators manage accounts and every project; users work in the projects they are members of.',
  },
  forbidden: {
    title: 'Only platform administrators can open this page',
    message:
      'Managing accounts needs the platform role Platform administrator. You are signed in as {name}, whose platform role is User.',
    back: 'Back to projects',
  },
  roles: {
    admin: 'Platform administrator',
    user: 'User',
  },
  list: {
    label: 'Accounts',
    username: 'Username',
    platformRole: 'Platform role',
    created: 'Created',
    passwordChanged: 'Password changed',
    never: 'Never',
    you: 'you',
    actions: 'Actions',
    actionsFor: 'Actions for {name}',
    empty: 'There are no accounts yet',
    emptyHint: 'Create an account for each person who will use the console.',
  },
  loadFailed: 'The accounts could not be loaded',
  create: {
    open: 'Create account',
    title: 'Create account',
    description: 'A new account that can sign in to the console.',
    username: 'Username',
    usernameHint: 'Lowercase letters, digits and “-”; it is also the Kubernetes user name.',
    platformRole: 'Platform role',
    roleHint: {
      admin: 'Manages accounts and every project.',
      user: 'Works only in the projects they are invited into.',
    },
    password: 'Password',
    passwordHint: 'Leave empty to have a strong password generated.',
    submit: 'Create',
    cancel: 'Cancel',
    created: 'Account {name} created',
    createdTitle: 'Account {name} created',
  },
  password: {
    label: 'Password of {name}',
    onceTitle: 'This password is shown only now',
    once: 'Copy it and hand it to {name} safely. Aviary keeps only a hash of it and cannot show it again; if it is lost, reset the password.',
    chosen: 'The password you typed is now the password of {name}.',
    done: 'Done',
  },
  resetPassword: {
    menu: 'Reset password',
    title: 'Reset the password of {name}?',
    description:
      'A new password is generated and shown once. The old password stops working and every session of {name} ends at once.',
    confirm: 'Reset password',
    doneTitle: 'New password for {name}',
  },
  makeAdmin: {
    menu: 'Make platform administrator',
    title: 'Make {name} a platform administrator?',
    description:
      '{name} will manage every account and every project, including their members, on their next request.',
    confirm: 'Make administrator',
    done: '{name} is now a platform administrator',
  },
  unmakeAdmin: {
    menu: 'Remove platform administrator',
    title: 'Remove the platform administrator role from {name}?',
    description:
      '{name} will no longer manage accounts or projects they are not a member of; their project roles are kept.',
    confirm: 'Remove role',
    done: '{name} is now a user',
    self: 'You cannot take away your own platform administrator role: ask another platform administrator.',
  },
  delete: {
    menu: 'Delete',
    title: 'Delete the account {name}?',
    description:
      '{name} can no longer sign in and every session of the account ends at once. Its roles in projects stay until they are removed. This cannot be undone.',
    confirm: 'Delete',
    done: 'Account {name} deleted',
    self: 'You cannot delete the account you are signed in with: ask another platform administrator.',
  },
} as const;
