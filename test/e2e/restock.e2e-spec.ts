import { randomUUID } from 'node:crypto';
import { http, leaderId, startCluster, TestCluster, waitFor } from './support';

const THRESHOLD = 10;

describe('restock and server push', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    // The frontend logs each invalidation at debug.
    cluster = await startCluster({
      cacheSize: 3,
      restockIntervalMs: 300,
      restockThreshold: THRESHOLD,
      env: { frontend: { LOG_LEVEL: 'debug' } },
    });
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  const internal = () => ({ 'x-internal-token': cluster.token });

  async function quantity(name: string): Promise<number> {
    const res = await http('GET', `${cluster.urls.frontend}/stocks/${name}`);
    expect(res.status).toBe(200);
    return res.body.data.quantity as number;
  }

  async function cacheKeys(): Promise<string[]> {
    return (await http('GET', `${cluster.urls.frontend}/cache`)).body.data.keys as string[];
  }

  async function catalogStock(name: string) {
    const res = await http('GET', `${cluster.urls.catalog}/internal/stock?name=${name}`, { headers: internal() });
    expect(res.status).toBe(200);
    return res.body.data as { quantity: number; volume: number; version: number };
  }

  function waitUntilDropped(name: string): Promise<true> {
    return waitFor(async () => ((await cacheKeys()).includes(name) ? undefined : true), {
      timeoutMs: 10_000,
      intervalMs: 50,
      description: `${name} to leave the cache`,
    });
  }

  it('refills a drained stock and invalidates its cached entry', async () => {
    const name = 'HelmetHaus';
    let drained: { quantity: number; volume: number; version: number } | undefined;
    let invalidationsBefore = 0;
    // The job may refill at any moment from the drain on: a round counts only if the catalog's
    // version did not move until the cache was read, so that the cached entry and the counter are
    // from before the restock (its push follows its commit). Otherwise drain again.
    for (let attempt = 0; attempt < 5 && !drained; attempt += 1) {
      const { quantity: available } = await catalogStock(name);
      if (available > 0) {
        const res = await http('POST', `${cluster.urls.frontend}/orders`, {
          body: { name, type: 'buy', quantity: available },
        });
        expect(res.status).toBe(200);
      }
      if ((await quantity(name)) !== 0) continue;
      const stock = await catalogStock(name);
      const cache = (await http('GET', `${cluster.urls.frontend}/cache`)).body.data;
      const unmoved = (await catalogStock(name)).version === stock.version;
      if (stock.quantity === 0 && unmoved && (cache.keys as string[]).includes(name)) {
        drained = stock;
        invalidationsBefore = cache.invalidations as number;
      }
    }
    if (!drained) throw new Error('the restock job refilled the stock before every lookup');

    await waitUntilDropped(name);

    expect(await quantity(name)).toBe(100);
    expect(await catalogStock(name)).toEqual({ ...drained, quantity: 100, version: drained.version + 1 });
    const cache = (await http('GET', `${cluster.urls.frontend}/cache`)).body.data;
    expect(cache.invalidations).toBe(invalidationsBefore + 1);
    expect(cluster.process('frontend').output().join('\n')).toContain(
      `invalidated ${name} (catalog push: v${drained.version} < v${drained.version + 1})`,
    );
    expect(cluster.process('catalog').output().join('\n')).toContain(
      `restocked ${name} to 100 (v${drained.version + 1})`,
    );
  });

  it('leaves stocks at or above the threshold alone', async () => {
    const name = 'SickleWorks';
    const before = await catalogStock(name);
    const res = await http('POST', `${cluster.urls.frontend}/orders`, {
      body: { name, type: 'buy', quantity: before.quantity - THRESHOLD },
    });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await catalogStock(name)).toMatchObject({ quantity: THRESHOLD, version: before.version + 1 });
  });

  it('pushes an invalidation for a trade that did not pass through the frontend', async () => {
    const name = 'BardTunes';
    await quantity(name);
    expect(await cacheKeys()).toContain(name);
    // Straight to the leading order replica, so only the catalog's push can tell the frontend.
    const leader = cluster.urls.replicas[await leaderId(cluster)];
    const res = await http('POST', `${leader}/internal/orders`, {
      headers: internal(),
      body: { orders: [{ requestId: randomUUID(), name, type: 'sell', quantity: 7 }] },
    });
    expect(res.status).toBe(200);

    await waitUntilDropped(name);
    expect(await quantity(name)).toBe(107);
  });
});
