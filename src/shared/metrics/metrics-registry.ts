import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric of ours is named `bazaar_…`; prom-client's default process metrics keep their names. */
export const METRIC_PREFIX = 'bazaar_';

/**
 * How often the event-loop delay histogram (`nodejs_eventloop_lag_*`) samples. prom-client's
 * default, 10 ms, is a timer that wakes an idle process 200 times a second; on a core that five
 * processes share, those wake-ups cost more than a trade's own work at one client
 * (docs/PERFORMANCE.md). Ten samples a second still give a scrape hundreds of them.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

/**
 * A registry of this process's own (never prom-client's global one), with the default process
 * and Node.js metrics. Also the DI token: inject `Registry` to add metrics to it.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  return registry;
}
