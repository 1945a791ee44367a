/** Application governance (sidecar injection) of a project's applications. */
export const governance = {} as const;
