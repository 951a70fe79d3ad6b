import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric of ours is named `bazaar_…`; prom-client's default process metrics keep their names. */
export const METRIC_PREFIX = 'bazaar_';

/**
 * A registry of this process's own (never prom-client's global one), with the default process
 * and Node.js metrics. Also the DI token: inject `Registry` to add metrics to it.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
