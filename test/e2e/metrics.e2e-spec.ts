import { randomUUID } from 'node:crypto';
import { http, leaderId, MetricSample, scrape, startCluster, sumOf, TestCluster, waitFor } from './support';

/** GET /metrics on every role: open, Prometheus text, and counters that move once per trade. */

const PROCESS_NAMES = ['frontend', 'catalog', 'order-1', 'order-2', 'order-3'] as const;

describe('GET /metrics', () => {
  let cluster: TestCluster;
  const urls = (): string[] => PROCESS_NAMES.map((name) => cluster.process(name).url);

  beforeAll(async () => {
    cluster = await startCluster();
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  async function samplesOf(url: string): Promise<MetricSample[]> {
    return (await scrape(url)).samples;
  }

  async function trade(body: unknown, key?: string): Promise<number> {
    const headers: Record<string, string> = key ? { 'idempotency-key': key } : {};
    return (await http('POST', `${cluster.urls.frontend}/orders`, { body, headers })).status;
  }

  /** A body the JSON parser refuses before any route sees it. */
  async function tradeRaw(rawBody: string): Promise<number> {
    return (await http('POST', `${cluster.urls.frontend}/orders`, { rawBody })).status;
  }

  it('answers on every role without a token, in the text format, with the default process metrics', async () => {
    for (const url of urls()) {
      const res = await scrape(url);
      expect(res.status).toBe(200);
      // express puts charset first, fastify keeps prom-client's order.
      const parts = res.contentType.split(';').map((part) => part.trim());
      expect(parts.sort()).toEqual(['charset=utf-8', 'text/plain', 'version=0.0.4']);
      expect(res.text).toContain('# TYPE process_cpu_user_seconds_total counter');
      expect(res.text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
      expect(res.text).toContain('# TYPE bazaar_http_request_duration_seconds histogram');
    }
  });

  it("shows every role started with a young generation of 2 × 8 MB (ROLE_NODE_FLAGS), not V8's 2 × 16 MB", async () => {
    // Nest's start-up grows V8's default young generation to its 32 MB maximum in every role.
    for (const url of urls()) {
      const newSpace = (await samplesOf(url)).find(
        (sample) => sample.name === 'nodejs_heap_space_size_total_bytes' && sample.labels.space === 'new',
      );
      expect(newSpace?.value).toBeGreaterThan(0);
      expect(newSpace?.value).toBeLessThanOrEqual(16 * 1024 * 1024);
    }
  });

  it('counts every trade exactly once, by outcome, at the frontend, the catalog and the leader', async () => {
    const leader = cluster.urls.replicas[await leaderId(cluster)];
    const [frontendBefore, catalogBefore, leaderBefore] = await Promise.all(
      [cluster.urls.frontend, cluster.urls.catalog, leader].map(samplesOf),
    );
    const key = randomUUID();
    const statuses = [
      await trade({ name: 'GameStart', type: 'buy', quantity: 1 }),
      await trade({ name: 'GameStart', type: 'buy', quantity: 1 }),
      await trade({ name: 'FishCo', type: 'sell', quantity: 2 }),
      await trade({ name: 'BoarCo', type: 'buy', quantity: 1000 }),
      await trade({ name: 'Nope', type: 'buy', quantity: 1 }),
      await trade({ name: 'GameStart', type: 'buy', quantity: 0 }),
      await trade({ name: 'MenhirCo', type: 'buy', quantity: 1 }, key),
      await trade({ name: 'MenhirCo', type: 'buy', quantity: 1 }, key),
      await trade({ name: 'MenhirCo', type: 'sell', quantity: 1 }, key),
      await tradeRaw('{"name":'),
      await tradeRaw(JSON.stringify({ name: 'GameStart', type: 'buy', quantity: 1, pad: 'x'.repeat(20_000) })),
    ];
    expect(statuses).toEqual([200, 200, 200, 409, 404, 400, 200, 200, 422, 400, 413]);

    const [frontend, catalog, leading] = await Promise.all(
      [cluster.urls.frontend, cluster.urls.catalog, leader].map(samplesOf),
    );
    const delta = (after: MetricSample[], before: MetricSample[], name: string, labels: Record<string, string>) =>
      sumOf(after, name, labels) - sumOf(before, name, labels);
    const frontendTrades = (outcome: string) =>
      delta(frontend, frontendBefore, 'bazaar_frontend_trades_total', { outcome });
    expect(
      [
        'ok',
        'not_enough_stock',
        'stock_not_found',
        'bad_request',
        'idempotency_conflict',
        'too_large',
        'unavailable',
      ].map(frontendTrades),
    ).toEqual([5, 1, 1, 2, 1, 1, 0]);
    const catalogTrades = (outcome: string) =>
      delta(catalog, catalogBefore, 'bazaar_catalog_trades_total', { outcome });
    // The repeated key reaches the catalog twice more: once replayed as is, once refused as a conflict.
    expect(['applied', 'replayed', 'not_enough_stock', 'stock_not_found', 'stale_epoch'].map(catalogTrades)).toEqual([
      4, 2, 1, 1, 0,
    ]);
    expect(delta(leading, leaderBefore, 'bazaar_replica_orders_committed_total', {})).toBe(4);
    expect(delta(leading, leaderBefore, 'bazaar_replica_last_number', {})).toBe(4);
    expect(delta(frontend, frontendBefore, 'bazaar_http_request_duration_seconds_count', { route: '/orders' })).toBe(
      11,
    );

    // Followers learn the commit point with the next append or heartbeat.
    const followers = [1, 2, 3].map((id) => cluster.urls.replicas[id]).filter((url) => url !== leader);
    const committed = sumOf(leading, 'bazaar_replica_commit_number');
    for (const url of followers) {
      await waitFor(
        async () => (sumOf(await samplesOf(url), 'bazaar_replica_commit_number') === committed ? true : undefined),
        { timeoutMs: 10_000, description: `${url} to learn commit number ${committed}` },
      );
    }
  });

  it('labels requests by route template, never by the raw path', async () => {
    await http('GET', `${cluster.urls.frontend}/stocks/PotionCo`);
    await http('GET', `${cluster.urls.frontend}/orders/0`);
    await http('GET', `${cluster.urls.frontend}/no/such/path/${randomUUID()}`);
    const samples = await samplesOf(cluster.urls.frontend);
    const routes = new Set(
      samples.filter((s) => s.name === 'bazaar_http_request_duration_seconds_count').map((s) => s.labels.route),
    );
    for (const route of ['/stocks/:name', '/orders/:number', '/orders', 'unmatched'])
      expect(routes.has(route)).toBe(true);
    for (const route of routes) expect(route).not.toMatch(/PotionCo|no\/such|\/orders\/0/);
    const leader = cluster.urls.replicas[await leaderId(cluster)];
    const internal = (await samplesOf(leader)).filter((s) => s.name === 'bazaar_http_request_duration_seconds_count');
    expect(internal.map((s) => s.labels.route)).toContain('/internal/orders');
  });

  it('counts cache hits and misses, and shows the cache size', async () => {
    const before = await samplesOf(cluster.urls.frontend);
    await http('GET', `${cluster.urls.frontend}/stocks/BardTunes`);
    await http('GET', `${cluster.urls.frontend}/stocks/BardTunes`);
    const after = await samplesOf(cluster.urls.frontend);
    const lookups = (result: string, samples: MetricSample[]) =>
      sumOf(samples, 'bazaar_frontend_lookups_total', { result });
    expect(lookups('miss', after) - lookups('miss', before)).toBe(1);
    expect(lookups('hit', after) - lookups('hit', before)).toBe(1);
    const keys = (await http('GET', `${cluster.urls.frontend}/cache`)).body.data.keys as string[];
    expect(sumOf(after, 'bazaar_frontend_cache_entries')).toBe(keys.length);
    expect(sumOf(after, 'bazaar_frontend_cache_capacity')).toBe(5);
  });

  it('names the leader the frontend uses, and each replica its role', async () => {
    const id = await leaderId(cluster);
    const frontend = await samplesOf(cluster.urls.frontend);
    expect(sumOf(frontend, 'bazaar_frontend_leader_id')).toBe(id);
    for (const replica of [1, 2, 3]) {
      const samples = await samplesOf(cluster.urls.replicas[replica]);
      const role = replica === id ? 'leader' : 'follower';
      expect(sumOf(samples, 'bazaar_replica_role', { role })).toBe(1);
      expect(sumOf(samples, 'bazaar_replica_role')).toBe(1);
      expect(sumOf(samples, 'bazaar_replica_epoch')).toBe(sumOf(frontend, 'bazaar_frontend_leader_epoch'));
    }
    const leader = await samplesOf(cluster.urls.replicas[id]);
    const followers = leader.filter((s) => s.name === 'bazaar_replica_follower_match_number').map((s) => s.labels);
    expect(followers.map((labels) => labels.follower).sort()).toEqual(['1', '2', '3'].filter((f) => f !== String(id)));
  });

  it('carries no secret and no order contents', async () => {
    const key = `secret-key-${randomUUID()}`;
    expect(await trade({ name: 'RomanRoads', type: 'buy', quantity: 3 }, key)).toBe(200);
    for (const url of urls()) {
      const { text } = await scrape(url);
      expect(text).not.toContain(cluster.token);
      expect(text).not.toContain(key);
      expect(text).not.toContain('RomanRoads');
    }
  });
});
