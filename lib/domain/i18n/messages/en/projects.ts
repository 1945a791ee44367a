/** The project list, the project switcher and a project's overview. */
export const projects = {} as const;
