export * from './envelope';
export * from './order';
export * from './trade';
export * from './trade-fields';
export * from './replication';
export * from './invalidation';
