import { setTimeout as sleep } from 'node:timers/promises';
import { readInternal } from '../../src/cli/inspect/internal-api';
import { ReplicaStatus } from '../../src/shared/contracts';
import {
  expectNothingLost,
  http,
  leaderId,
  replicaStatus,
  startCluster,
  TestCluster,
  tradeAcrossFrontends,
  waitFor,
} from './support';

const STOCKS = ['GameStart', 'FishCo', 'BoarCo', 'MenhirCo', 'PotionCo'];
const CLIENTS = 6;
const QUIET_MS = 10_000;

/**
 * No single point of failure: two frontends, two catalogs on PostgreSQL, three order replicas,
 * clients spread over both frontends. One catalog, then one frontend, then the order leader is
 * SIGKILLed while they trade.
 */
describe('two frontends, two catalogs on PostgreSQL: SIGKILL a catalog, a frontend, the leader', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startCluster({ frontends: 2, catalogs: 2, postgres: true });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stopAll();
  });

  const statuses = () => Promise.all([1, 2, 3].map((id) => replicaStatus(cluster, id)));
  const leadership = (all: ReplicaStatus[]) => all.map(({ id, epoch, leaderId: leader }) => ({ id, epoch, leader }));

  it('loses, doubles and shows nothing but the killed frontend’s connection errors; no epoch churn while quiet', async () => {
    const load = tradeAcrossFrontends(cluster.urls.frontends, CLIENTS, STOCKS);
    const acknowledged = () => load.outcomes.filter((o) => o.status === 200).length;
    const served = (count: number, description: string) =>
      waitFor(async () => (acknowledged() >= count ? true : undefined), { timeoutMs: 20_000, description });
    await served(20, 'trades through both frontends');

    const before = leadership(await statuses());
    const quietFrom = acknowledged();
    await sleep(QUIET_MS);
    const after = leadership(await statuses());
    expect(after).toEqual(before);
    console.log(
      `quiet ${QUIET_MS} ms with both frontends up: epoch ${before[0].epoch} throughout, ` +
        `${acknowledged() - quietFrom} trades acknowledged`,
    );

    const marks: Record<string, number> = {};
    const gaps: string[] = [];
    const kill = async (name: Parameters<TestCluster['process']>[0]) => {
      marks[name] = Date.now();
      await cluster.process(name).kill('SIGKILL');
      await served(acknowledged() + 30, `30 trades after SIGKILL of ${name}`);
      const times = [
        marks[name],
        ...load.outcomes.filter((o) => o.status === 200 && o.at > marks[name]).map((o) => o.at),
      ];
      const longest = Math.max(...times.slice(1).map((at, i) => at - times[i]));
      gaps.push(`${name} ${longest} ms`);
    };
    await kill('catalog-2');
    await kill('frontend-2');
    const leader = await leaderId(cluster);
    await kill(`order-${leader}`);
    await load.stop();

    const killedFrontend = cluster.urls.frontends[1];
    const visible = load.failures.filter((f) => !(f.connectionError && f.frontend === killedFrontend));
    expect(visible).toEqual([]);
    const dropped = load.failures.filter((f) => f.connectionError);
    expect(dropped.every((f) => f.at >= marks['frontend-2'])).toBe(true);
    const newLeader = await leaderId(
      cluster,
      [1, 2, 3].filter((id) => id !== leader),
    );
    console.log(
      `${acknowledged()} trades, ${dropped.length} connection errors on the killed frontend (each resent to the other), ` +
        `no other failed request; new leader ${newLeader}; longest pause between acknowledged trades after the SIGKILL of ${gaps.join(', ')}`,
    );

    // Back up, so that every replica and both catalogs can be compared.
    await cluster.process(`order-${leader}`).start();
    await cluster.process('catalog-2').start();
    await expectNothingLost(cluster, load.outcomes);
    // Both catalogs read the same PostgreSQL rows; what can differ is a frontend's cache. The one
    // that lived through every fault must quote the traded stocks (as many as its cache holds) as
    // the catalog holds them, once the last pushes are in.
    const stocks = await readInternal(cluster.urls.catalogs[0], cluster.token, (api) => api.catalogStocks());
    const quotes = STOCKS.map((name) => stocks.find((stock) => stock.name === name)!).map(
      ({ name, price, quantity }) => ({ name, price, quantity }),
    );
    const frontend = cluster.urls.frontends[0];
    const quoted = () =>
      Promise.all(STOCKS.map(async (name) => (await http('GET', `${frontend}/stocks/${name}`)).body.data));
    await waitFor(async () => (JSON.stringify(await quoted()) === JSON.stringify(quotes) ? true : undefined), {
      timeoutMs: 2_000,
      description: `${frontend} quoting what the catalog holds`,
    }).catch(() => undefined);
    expect(await quoted()).toEqual(quotes);
    // Each client alternated buy and sell of one unit, ending on either: conservation, stock by stock.
    const log = load.outcomes;
    for (const stock of stocks) {
      const buys = log.filter((o) => o.name === stock.name && o.type === 'buy').length;
      const sells = log.filter((o) => o.name === stock.name && o.type === 'sell').length;
      expect({ name: stock.name, quantity: stock.quantity, volume: stock.volume }).toEqual({
        name: stock.name,
        quantity: 100 - buys + sells,
        volume: buys + sells,
      });
    }
  }, 120_000);
});
