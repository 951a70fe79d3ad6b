import { http } from '../e2e/support/http.client';
import { ComposeCluster, HA_SERVICES } from './support/compose-cluster';

const MINUTE = 60_000;

/**
 * The ha profile of docker/compose.yml as a user starts it (`--profile ha up --build ha-lb`): its
 * images build, nine containers come up with only the load balancer published, and trades go on
 * through it while a frontend, a catalog and the leading replica are killed.
 */
describe('docker/compose.yml --profile ha on a real engine (nine containers, docker kill)', () => {
  let cluster: ComposeCluster;
  let placed = 0;

  const api = (path: string) => `${cluster.frontendUrl}${path}`;
  /** Sells one GameStart and expects the next transaction number. */
  const sellOne = async (): Promise<void> => {
    const res = await http('POST', api('/orders'), { body: { name: 'GameStart', quantity: 1, type: 'sell' } });
    expect([res.status, res.body]).toEqual([200, { data: { transaction_number: placed } }]);
    placed += 1;
  };
  const sellFive = async (): Promise<void> => {
    for (let i = 0; i < 5; i += 1) await sellOne();
  };

  beforeAll(async () => {
    cluster = await ComposeCluster.create('ha');
    console.log(`docker: project ${cluster.project} with ${cluster.tool}, load balancer on ${cluster.frontendUrl}`);
  });

  afterAll(async () => {
    await cluster?.down({ volumes: true });
  }, 3 * MINUTE);

  it(
    "builds the profile's images: the app's, PostgreSQL's and HAProxy's",
    async () => {
      const started = Date.now();
      await cluster.run(['build'], 15 * MINUTE);
      console.log(`docker: ha images built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    16 * MINUTE,
  );

  it(
    'brings up nine healthy containers, only the load balancer published',
    async () => {
      await cluster.up();
      await cluster.waitHealthy(HA_SERVICES, 4 * MINUTE);

      expect(await cluster.publishedPorts('ha-lb')).toEqual([`8080/tcp -> 127.0.0.1:${cluster.frontendPort}`]);
      for (const service of HA_SERVICES.filter((name) => name !== 'ha-lb')) {
        expect(await cluster.publishedPorts(service)).toEqual([]);
      }
    },
    5 * MINUTE,
  );

  it(
    'trades on through the load balancer while a frontend, a catalog and the leader are killed',
    async () => {
      await sellOne();
      await cluster.kill('ha-frontend-1');
      await sellFive();
      await cluster.kill('ha-catalog-1');
      await sellFive();
      const health = await http('GET', api('/health'));
      const leader = (health.body as { data: { leader: 1 | 2 | 3 } }).data.leader;
      await cluster.kill(`ha-order-${leader}`);
      await sellFive();

      // Every sale counted once in the shared catalog, and the surviving frontend's quote knows it.
      const quote = await http('GET', api('/stocks/GameStart'));
      expect([quote.status, quote.body]).toEqual([
        200,
        { data: { name: 'GameStart', price: 15.99, quantity: 100 + placed } },
      ]);
      const last = await http('GET', api(`/orders/${placed - 1}`));
      expect([last.status, last.body]).toEqual([
        200,
        { data: { number: placed - 1, name: 'GameStart', type: 'sell', quantity: 1 } },
      ]);
      expect(placed).toBe(16);
    },
    3 * MINUTE,
  );
});
