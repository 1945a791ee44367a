export * from './project-name';
export * from './project-schema';
export * from './member-schema';
export * from './application-schema';
export * from './access-schema';
export * from './application-model';
export * from './project-objects';
export * from './overview-reducer';
