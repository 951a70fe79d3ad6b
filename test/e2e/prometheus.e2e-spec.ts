import { http, ProcessName, startCluster, TestCluster, waitFor } from './support';
import { PrometheusServer, startPrometheus } from './support/prometheus';

/** Debian's Prometheus, run by the test itself, scrapes the five processes of a fresh cluster. */

const PROCESS_NAMES: ProcessName[] = ['catalog', 'frontend', 'order-1', 'order-2', 'order-3'];
const TRADES = 12;

/** What Prometheus holds about the trades, in one object so that one assertion shows them all. */
const TRADE_QUERIES = {
  frontendOk: 'sum(bazaar_frontend_trades_total{outcome="ok"})',
  frontendPosts: 'sum(bazaar_http_request_duration_seconds_count{process="frontend",route="/orders",method="POST"})',
  catalogApplied: 'sum(bazaar_catalog_trades_total{outcome="applied"})',
  leaderCommitted: 'sum(bazaar_replica_orders_committed_total * on(instance) bazaar_replica_role{role="leader"})',
  followersCommitted: 'sum(bazaar_replica_orders_committed_total * on(instance) bazaar_replica_role{role="follower"})',
};

describe('a real Prometheus scraping the cluster', () => {
  let cluster: TestCluster;
  let prometheus: PrometheusServer;

  beforeAll(async () => {
    cluster = await startCluster();
    prometheus = await startPrometheus(
      PROCESS_NAMES.map((name) => ({ process: name, url: cluster.process(name).url })),
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
    await cluster?.stopAll();
  });

  async function tradeFigures(): Promise<Record<keyof typeof TRADE_QUERIES, number>> {
    const entries = await Promise.all(
      Object.entries(TRADE_QUERIES).map(async ([name, promql]) => {
        const [sample] = await prometheus.query(promql);
        return [name, sample?.value ?? Number.NaN] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<keyof typeof TRADE_QUERIES, number>;
  }

  it('finds all five processes up, and every trade counter equal to the trades made', async () => {
    const up = await waitFor(
      async () => {
        const samples = await prometheus.query('up');
        return samples.length === PROCESS_NAMES.length && samples.every((s) => s.value === 1) ? samples : undefined;
      },
      { timeoutMs: 30_000, description: 'prometheus to find all five targets up' },
    );
    expect(up.map((s) => s.metric.process).sort()).toEqual(PROCESS_NAMES);
    expect(up.every((s) => s.metric.job === 'stock-bazaar')).toBe(true);

    for (let i = 0; i < TRADES; i += 1) {
      const body = { name: ['GameStart', 'FishCo', 'BoarCo'][i % 3], type: i % 2 ? 'sell' : 'buy', quantity: 1 };
      expect((await http('POST', `${cluster.urls.frontend}/orders`, { body })).status).toBe(200);
    }

    // Followers learn the last commit with the next heartbeat; Prometheus with its next scrape.
    const expected = {
      frontendOk: TRADES,
      frontendPosts: TRADES,
      catalogApplied: TRADES,
      leaderCommitted: TRADES,
      followersCommitted: 2 * TRADES,
    };
    const seen = await waitFor(
      async () => {
        const figures = await tradeFigures();
        return JSON.stringify(figures) === JSON.stringify(expected) ? figures : undefined;
      },
      { timeoutMs: 30_000, description: `prometheus to see ${JSON.stringify(expected)}` },
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; last seen ${JSON.stringify(await tradeFigures())}`);
    });
    expect(seen).toEqual(expected);

    // A later scrape (one that saw this lookup) still holds exactly those figures: nothing counted twice.
    await http('GET', `${cluster.urls.frontend}/stocks/GameStart`);
    await waitFor(
      async () => ((await prometheus.query('sum(bazaar_frontend_lookups_total)'))[0]?.value === 1 ? true : undefined),
      { timeoutMs: 30_000, description: 'prometheus to see the lookup' },
    );
    expect(await tradeFigures()).toEqual(expected);
  });
});
