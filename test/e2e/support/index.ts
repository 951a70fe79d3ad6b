export * from './cluster.harness';
export * from './http.client';
export { waitFor } from '../../../src/cli/process/wait-for';
export * from './replica-logs';
export * from './trading-clients';
export * from './spread-clients';
export * from './loopback-partition';
export * from './metrics-text';
export * from './nothing-lost';
