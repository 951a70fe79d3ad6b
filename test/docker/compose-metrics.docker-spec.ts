import { waitFor } from '../../src/cli/process/wait-for';
import { http } from '../e2e/support/http.client';
import { ComposeCluster, METRICS_SERVICES } from './support/compose-cluster';

const MINUTE = 60_000;
const PROCESSES = ['catalog', 'frontend', 'order-1', 'order-2', 'order-3'];

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * The metrics profile of docker/compose.yml (`--profile metrics up --build`): Prometheus, built on
 * the app's Debian base, scrapes the five containers by service name and sees a trade.
 */
describe('docker/compose.yml --profile metrics on a real engine (Prometheus scraping five containers)', () => {
  let cluster: ComposeCluster;

  const query = async (promql: string): Promise<Sample[]> => {
    const res = await http('GET', `${cluster.prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    return (res.body as { data: { result: Sample[] } }).data.result;
  };
  beforeAll(async () => {
    cluster = await ComposeCluster.create('metrics');
    console.log(
      `docker: project ${cluster.project}, frontend ${cluster.frontendUrl}, Prometheus ${cluster.prometheusUrl}`,
    );
  });

  afterAll(async () => {
    await cluster?.down({ volumes: true });
  }, 3 * MINUTE);

  it(
    'builds the Prometheus image and brings up six healthy containers, the frontend and Prometheus published',
    async () => {
      await cluster.run(['build'], 15 * MINUTE);
      await cluster.up();
      await cluster.waitHealthy(METRICS_SERVICES, 4 * MINUTE);

      expect(await cluster.publishedPorts('prometheus')).toEqual([`9090/tcp -> ${cluster.prometheusUrl.slice(7)}`]);
      expect(await cluster.publishedPorts('frontend')).toEqual([`3000/tcp -> ${cluster.frontendUrl.slice(7)}`]);
    },
    20 * MINUTE,
  );

  it('scrapes all five processes by service name and counts a trade', async () => {
    const up = await waitFor(
      async () => {
        const samples = await query('up');
        return samples.length === PROCESSES.length && samples.every((s) => s.value[1] === '1') ? samples : undefined;
      },
      { timeoutMs: MINUTE, intervalMs: 500, description: 'Prometheus to find all five targets up' },
    );
    expect(up.map((s) => [s.metric.process, s.metric.instance]).sort()).toEqual([
      ['catalog', 'catalog:3001'],
      ['frontend', 'frontend:3000'],
      ['order-1', 'order-1:3101'],
      ['order-2', 'order-2:3102'],
      ['order-3', 'order-3:3103'],
    ]);

    const trade = await http('POST', `${cluster.frontendUrl}/orders`, {
      body: { name: 'GameStart', quantity: 1, type: 'buy' },
    });
    expect([trade.status, trade.body]).toEqual([200, { data: { transaction_number: 0 } }]);
    const counted = await waitFor(
      async () => {
        const [sample] = await query('sum(bazaar_frontend_trades_total{outcome="ok"})');
        return sample?.value[1] === '1' ? sample.value[1] : undefined;
      },
      { timeoutMs: MINUTE, intervalMs: 500, description: 'Prometheus to see the trade' },
    );
    expect(counted).toBe('1');
  });
});
