export * from './console-sink';
export * from './free-port';
export * from './managed-process';
export * from './process-group';
export * from './role-env';
export * from './wait-for';
export * from './local-cluster';
