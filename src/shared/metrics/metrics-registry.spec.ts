import perfHooks from 'node:perf_hooks';
import { createMetricsRegistry, EVENT_LOOP_SAMPLE_MS } from './metrics-registry';

describe(createMetricsRegistry.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it(`samples the event loop's delay every ${EVENT_LOOP_SAMPLE_MS} ms, not prom-client's 10`, () => {
    const monitor = jest.spyOn(perfHooks, 'monitorEventLoopDelay');
    createMetricsRegistry();
    expect(monitor.mock.calls).toEqual([[{ resolution: EVENT_LOOP_SAMPLE_MS }]]);
  });

  it("still reports the event loop's delay and the process figures", async () => {
    const text = await createMetricsRegistry().metrics();
    expect(text).toContain('# TYPE nodejs_eventloop_lag_p99_seconds gauge');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
  });
});
