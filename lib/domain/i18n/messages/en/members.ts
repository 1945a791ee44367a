/** Project members and their roles. */
export const members = {
  roles: {
    viewer: 'Viewer',
    operator: 'Operator',
    admin: 'Project administrator',
  },
  /** What each role may do, said where a role is chosen or taken away. */
  roleAllows: {
    viewer: 'Sees the project’s applications, release jobs, traffic topology and traces.',
    operator:
      'Everything a Viewer may, and runs release jobs and switches application governance on and off.',
    admin:
      'Everything an Operator may, and manages the project’s workloads, Istio objects and members.',
  },
  page: {
    title: 'Project Members',
    intro: 'The people who have a role in {project}, and what that role lets them do.',
    readOnly: 'You can see the members of this project but not change them.',
    readOnlyDetail: 'Inviting and removing members needs the Project administrator role.',
  },
  list: {
    label: 'Members of {project}',
    username: 'Member',
    role: 'Role',
    since: 'Member since',
    managedBy: 'Managed by',
    managed: 'Aviary',
    unmanaged: 'Outside Aviary',
    unmanagedHint: 'Made with kubectl or another tool: change it there',
    you: 'you',
    kind: {
      User: 'User',
      Group: 'Group',
      ServiceAccount: 'Service account',
    },
    actions: 'Actions',
    actionsFor: 'Actions for {name}',
    empty: 'This project has no members yet',
    emptyManage: 'Invite an account to give it a role in this project.',
    emptyReadOnly: 'A project administrator can invite accounts into it.',
  },
  forbidden: {
    title: 'You cannot see the members of this project',
    message:
      'Listing members needs permission to list RoleBindings (rbac.authorization.k8s.io) in the namespace {project}. Your role in this project does not include it: only project administrators and platform administrators have it.',
    contact: 'Ask an administrator of {project} if you need to know who else works here.',
  },
  loadFailed: 'The members of {project} could not be loaded',
  invite: {
    open: 'Invite member',
    title: 'Invite member',
    description: 'Give an existing account a role in {project}.',
    username: 'Account',
    usernameHint: 'The name of an existing account. Create accounts under Accounts.',
    role: 'Role',
    submit: 'Invite',
    cancel: 'Cancel',
    invited: '{name} is now {role} in {project}',
  },
  changeRole: {
    menu: 'Change role to {role}',
    title: 'Change the role of {name}?',
    description: '{name} will be {role} in {project}.',
    lessAccess: 'What the role {current} allowed beyond that ends at once.',
    self: 'This is your own role: you may lose the permission to change it back.',
    confirm: 'Change role',
    changed: '{name} is now {role} in {project}',
  },
  remove: {
    menu: 'Remove from project',
    title: 'Remove {name} from {project}?',
    description:
      '{name} loses the role {role} and with it access to {project}: its applications, release jobs, traffic topology and traces. The account itself is kept.',
    self: 'This is you: you will no longer see this project unless someone invites you again.',
    confirm: 'Remove',
    removed: '{name} was removed from {project}',
  },
} as const;
