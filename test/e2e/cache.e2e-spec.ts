import { setTimeout as sleep } from 'node:timers/promises';
import { CacheClient, median, STOCKS, timedLookups } from './cache.client';
import { DelayingProxy } from './delaying-proxy';
import { http, startCluster, TestCluster } from './support';

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

describe('frontend cache, CACHE_SIZE=3', () => {
  let cluster: TestCluster;
  let client: CacheClient;
  // Catalog → frontend pushes and frontend → catalog reads both pass a proxy that can slow them down.
  const pushes = new DelayingProxy();
  const reads = new DelayingProxy();

  beforeAll(async () => {
    const [pushProxy, readProxy] = [await pushes.start(), await reads.start()];
    cluster = await startCluster({
      cacheEnabled: true,
      cacheSize: 3,
      env: { catalog: { FRONTEND_URL: pushProxy }, frontend: { CATALOG_URL: readProxy } },
      start: ['catalog', 'order-1', 'order-2', 'order-3'],
    });
    pushes.target = cluster.urls.frontend;
    reads.target = cluster.urls.catalog;
    await cluster.process('frontend').start();
    client = new CacheClient(cluster);
  });

  afterEach(() => {
    reads.responseDelayMs = 0;
    pushes.requestDelayMs = 0;
  });

  afterAll(async () => {
    await cluster?.stopAll();
    await Promise.all([pushes.stop(), reads.stop()]);
  });

  it('looking up a, b, c, a, d keeps d, a, c and evicts b', async () => {
    expect(STOCKS.length).toBeGreaterThanOrEqual(10);
    const [a, b, c, d] = STOCKS;
    const lookupsBefore = await client.catalogLookups();
    for (const name of [a, b, c, a, d]) await client.quantity(name);

    const res = await http('GET', `${cluster.urls.frontend}/cache`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { enabled: true, capacity: 3, keys: [d, a, c], hits: 1, misses: 4, evictions: 1, invalidations: 0 },
    });
    expect((await client.catalogLookups()) - lookupsBefore).toBe(4);
    expect(
      cluster
        .process('frontend')
        .output()
        .filter((line) => line.includes('evicted ')),
    ).toEqual([expect.stringContaining(`evicted ${b} (least recently used, capacity 3)`)]);
  });

  it('answers a lookup with exactly name, price and quantity', async () => {
    const res = await http('GET', `${cluster.urls.frontend}/stocks/${STOCKS[0]}`);
    expect(res.body).toEqual({ data: { name: STOCKS[0], price: expect.any(Number), quantity: 100 } });
  });

  it('refuses an invalidation without the right token and leaves the cache unchanged', async () => {
    const before = await client.cache();
    const victim = before.keys[0];
    for (const token of [undefined, 'wrong-token']) {
      const res = await client.invalidate({ invalidations: [{ name: victim, version: 1_000_000 }] }, token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 401, reason: 'unauthorized', message: 'missing or wrong internal token' },
      });
    }
    expect(await client.cache()).toEqual(before);

    const accepted = await client.invalidate({ invalidations: [{ name: victim, version: 1_000_000 }] }, cluster.token);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ data: { dropped: 1 } });
    const after = await client.cache();
    expect(after.keys).toEqual(before.keys.filter((key) => key !== victim));
    expect(after.invalidations).toBe(before.invalidations + 1);
  });

  it('lets every client read its own writes: 5 clients x 40 rounds of lookup, trade, lookup', async () => {
    const hitsBefore = (await client.cache()).hits;
    const own = STOCKS.slice(4, 9);
    const violations: string[] = [];
    await Promise.all(
      own.map(async (name) => {
        for (let round = 0; round < 40; round += 1) {
          const type = round % 2 === 0 ? 'sell' : 'buy';
          const quantity = 1 + (round % 3);
          const before = await client.quantity(name);
          const res = await client.trade(name, type, quantity);
          expect(res.status).toBe(200);
          const after = await client.quantity(name);
          const expected = type === 'sell' ? before + quantity : before - quantity;
          if (after !== expected) violations.push(`${name} round ${round}: ${before} ${type} ${quantity} → ${after}`);
        }
      }),
    );
    expect(violations).toEqual([]);
    // The check is only meaningful if the cache served some of those lookups.
    expect((await client.cache()).hits).toBeGreaterThan(hitsBefore);
  });

  /** Every cached stock, looked up through the frontend (cache hits) and straight from the catalog. */
  async function staleEntries(): Promise<string[]> {
    const cached = await client.cache();
    const stale: string[] = [];
    for (const name of cached.keys) {
      const truth = await client.catalogStock(name);
      const served = await client.quantity(name);
      if (served !== truth.quantity) stale.push(`${name}: cached ${served}, catalog ${truth.quantity}`);
    }
    // Those lookups were all served from the cache, so they compared cached values.
    const after = await client.cache();
    expect([after.hits - cached.hits, after.misses - cached.misses]).toEqual([cached.keys.length, 0]);
    return stale;
  }

  it('holds no stale entry after a storm of concurrent lookups and trades, even before late pushes land', async () => {
    const hot = STOCKS.slice(0, 4);
    const statuses = new Map<number, number>();
    const pushesBefore = pushes.forwarded;
    // Slow reads widen the race (a read that started before a trade comes back after it);
    // late pushes leave only the frontend's own bookkeeping to keep the old values out.
    reads.responseDelayMs = 150;
    pushes.requestDelayMs = 1000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let op = 0; op < 60; op += 1) {
          const name = pick(hot);
          if (Math.random() < 0.6) {
            await client.quantity(name);
          } else {
            const res = await client.trade(name, pick(['buy', 'sell'] as const), 1 + Math.floor(Math.random() * 3));
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          }
        }
      }),
    );
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 409)).toEqual([]);
    expect(await staleEntries()).toEqual([]);

    // The race itself, on purpose: a lookup reads, a trade commits and is answered, then the read comes back.
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(
        hot.slice(0, 3).map(async (name) => {
          expect((await client.trade(name, 'sell', 1)).status).toBe(200);
          const lookup = client.quantity(name);
          await sleep(20);
          expect((await client.trade(name, 'sell', 1)).status).toBe(200);
          await lookup;
        }),
      );
      expect(await staleEntries()).toEqual([]);
    }
    reads.responseDelayMs = 0;

    pushes.requestDelayMs = 0;
    await sleep(1500);
    expect(pushes.forwarded).toBeGreaterThan(pushesBefore);
    expect(await staleEntries()).toEqual([]);
  });

  it('reports the median latency of a hit and of a miss', async () => {
    const rounds = 200;
    for (const name of STOCKS.slice(9, 12)) await client.quantity(name);
    // Cycling through 9 other stocks with room for 3 makes every lookup a miss.
    const beforeMisses = await client.cache();
    const misses = await timedLookups(
      cluster.urls.frontend,
      Array.from({ length: rounds }, (_, i) => STOCKS[i % 9]),
    );
    const afterMisses = await client.cache();
    expect([afterMisses.misses - beforeMisses.misses, afterMisses.hits - beforeMisses.hits]).toEqual([rounds, 0]);

    await client.quantity(STOCKS[0]);
    const beforeHits = await client.cache();
    const hits = await timedLookups(cluster.urls.frontend, Array(rounds).fill(STOCKS[0]));
    const afterHits = await client.cache();
    expect([afterHits.misses - beforeHits.misses, afterHits.hits - beforeHits.hits]).toEqual([0, rounds]);
    console.log(
      `GET /stocks/{name} median latency over ${rounds} requests: ` +
        "(misses pass the test's read proxy) " +
        `hit ${median(hits).toFixed(3)} ms, miss ${median(misses).toFixed(3)} ms`,
    );
  });
});

describe('frontend cache, CACHE_ENABLED=false', () => {
  let cluster: TestCluster;
  let client: CacheClient;

  beforeAll(async () => {
    cluster = await startCluster({ cacheEnabled: false, cacheSize: 3 });
    client = new CacheClient(cluster);
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  it('sends every lookup to the catalog and reports itself disabled', async () => {
    const lookupsBefore = await client.catalogLookups();
    const names = [...STOCKS.slice(0, 3), ...STOCKS.slice(0, 3), STOCKS[0], STOCKS[0]];
    for (const name of names) await client.quantity(name);
    const res = await client.trade(STOCKS[0], 'buy', 1);
    expect(res.status).toBe(200);
    expect(await client.quantity(STOCKS[0])).toBe(99);

    expect((await client.catalogLookups()) - lookupsBefore).toBe(names.length + 1);
    const body = await http('GET', `${cluster.urls.frontend}/cache`);
    expect(body.body).toEqual({
      data: {
        enabled: false,
        capacity: 3,
        keys: [],
        hits: 0,
        misses: names.length + 1,
        evictions: 0,
        invalidations: 0,
      },
    });
  });

  it('reports the median latency of a lookup without the cache', async () => {
    const times = await timedLookups(cluster.urls.frontend, Array(200).fill(STOCKS[1]));
    console.log(`GET /stocks/{name} median latency with the cache off: ${median(times).toFixed(3)} ms`);
  });
});
