import { http, HttpOptions, HttpResponse, startCluster, TestCluster } from './support';

/**
 * The public API contract (SPEC §4) against a real cluster: exact bodies, status codes and the
 * rule that a refused request changes nothing. One cluster for the file; tests run in order and
 * `nextNumber` tracks the transaction number the next successful trade must get.
 */

const STOCK_KEYS = ['name', 'price', 'quantity', 'volume'];
const INTERNAL_TOKEN_HEADER = 'x-internal-token';

function expectJson(res: HttpResponse): void {
  expect(res.headers['content-type']).toMatch(/^application\/json\b/);
}

function expectData(res: HttpResponse, data: unknown): void {
  expect({ status: res.status, body: res.body }).toStrictEqual({ status: 200, body: { data } });
  expectJson(res);
}

/** Internal routes answer in the same envelope, plus a machine-readable reason. */
function expectUnauthorized(res: HttpResponse): void {
  expect({ status: res.status, body: res.body }).toStrictEqual({
    status: 401,
    body: { error: { code: 401, reason: 'unauthorized', message: 'missing or wrong internal token' } },
  });
}

function expectError(res: HttpResponse, code: number, message?: string): void {
  expect({ status: res.status, body: res.body }).toStrictEqual({
    status: code,
    body: { error: { code, message: message ?? expect.any(String) } },
  });
  expectJson(res);
}

interface Described {
  tags?: string[];
  summary?: string;
}

/** The tags and summary Swagger's document gives the shared routes' GET operations. */
function described(paths: Record<string, { get: Described }>): Record<'health' | 'metrics', Described> {
  const pick = ({ tags, summary }: Described): Described => ({ tags, summary });
  return { health: pick(paths['/health'].get), metrics: pick(paths['/metrics'].get) };
}

describe('public API', () => {
  let cluster: TestCluster;
  let frontend: string;
  let nextNumber = 0;

  const get = (path: string, options?: HttpOptions): Promise<HttpResponse> =>
    http('GET', `${frontend}${path}`, options);
  const post = (path: string, options?: HttpOptions): Promise<HttpResponse> =>
    http('POST', `${frontend}${path}`, options);
  const order = (body: unknown, headers?: Record<string, string>): Promise<HttpResponse> =>
    post('/orders', { body, headers });

  /** Places a trade that must succeed with the next transaction number. */
  async function expectTraded(body: { name: string; quantity: number; type: string }): Promise<number> {
    const res = await order(body);
    expectData(res, { transaction_number: nextNumber });
    return nextNumber++;
  }

  /** The order the next trade would create does not exist. */
  async function expectNoNewOrder(): Promise<void> {
    expectError(await get(`/orders/${nextNumber}`), 404, 'order not found');
  }

  async function quantityOf(name: string): Promise<number> {
    const res = await get(`/stocks/${name}`);
    expect(res.status).toBe(200);
    return (res.body as { data: { quantity: number } }).data.quantity;
  }

  async function summaryOf(name: string): Promise<Record<string, unknown>> {
    const res = await get('/stocks');
    expect(res.status).toBe(200);
    const found = (res.body.data as Array<Record<string, unknown>>).find((stock) => stock.name === name);
    expect(found).toBeDefined();
    return found ?? {};
  }

  beforeAll(async () => {
    cluster = await startCluster();
    frontend = cluster.urls.frontend;
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  describe('GET /stocks', () => {
    it('looks up one seeded stock exactly', async () => {
      expectData(await get('/stocks/GameStart'), { name: 'GameStart', price: 15.99, quantity: 100 });
    });

    it('lists at least 10 stocks, each with exactly name, price, quantity and volume', async () => {
      const res = await get('/stocks');
      expect(res.status).toBe(200);
      expectJson(res);
      expect(Object.keys(res.body)).toEqual(['data']);
      const stocks = res.body.data as Array<Record<string, unknown>>;
      expect(stocks.length).toBeGreaterThanOrEqual(10);
      for (const stock of stocks) {
        expect(Object.keys(stock).sort()).toEqual(STOCK_KEYS);
        expect(stock).toEqual({
          name: expect.any(String),
          price: expect.any(Number),
          quantity: 100,
          volume: 0,
        });
      }
      expect(stocks.find((stock) => stock.name === 'GameStart')).toStrictEqual({
        name: 'GameStart',
        price: 15.99,
        quantity: 100,
        volume: 0,
      });
    });

    it('answers an unknown stock with 404', async () => {
      expectError(await get('/stocks/NoSuchCo'), 404, 'stock not found');
    });
  });

  describe('POST /orders and GET /orders/{number}', () => {
    it('numbers the first trade 0 and the next 1, and reads them back exactly', async () => {
      expectData(await order({ name: 'FishCo', quantity: 2, type: 'buy' }), { transaction_number: 0 });
      expectData(await order({ name: 'FishCo', quantity: 1, type: 'sell' }), { transaction_number: 1 });
      nextNumber = 2;
      expectData(await get('/orders/0'), { number: 0, name: 'FishCo', type: 'buy', quantity: 2 });
      expectData(await get('/orders/1'), { number: 1, name: 'FishCo', type: 'sell', quantity: 1 });
      expectData(await get('/stocks/FishCo'), { name: 'FishCo', price: 12.5, quantity: 99 });
      expect(await summaryOf('FishCo')).toStrictEqual({ name: 'FishCo', price: 12.5, quantity: 99, volume: 3 });
    });

    it('refuses a trade of an unknown stock with 404 and creates no order', async () => {
      expectError(await order({ name: 'NoSuchCo', quantity: 1, type: 'buy' }), 404, 'stock not found');
      await expectNoNewOrder();
    });

    it('refuses to buy more than available with 409 and leaves the stock unchanged', async () => {
      expectError(await order({ name: 'MenhirCo', quantity: 101, type: 'buy' }), 409, 'not enough stock');
      await expectNoNewOrder();
      expect(await quantityOf('MenhirCo')).toBe(100);
      expect(await summaryOf('MenhirCo')).toMatchObject({ quantity: 100, volume: 0 });
    });

    const badBodies: ReadonlyArray<[string, HttpOptions]> = [
      ['malformed JSON', { rawBody: '{"name": "FishCo", "quantity": 1,' }],
      ['quantity 0', { body: { name: 'FishCo', quantity: 0, type: 'buy' } }],
      ['quantity -1', { body: { name: 'FishCo', quantity: -1, type: 'buy' } }],
      ['quantity 1.5', { body: { name: 'FishCo', quantity: 1.5, type: 'buy' } }],
      ['quantity "3"', { body: { name: 'FishCo', quantity: '3', type: 'buy' } }],
      ['missing quantity', { body: { name: 'FishCo', type: 'buy' } }],
      ['type "hold"', { body: { name: 'FishCo', quantity: 1, type: 'hold' } }],
      ['missing name', { body: { quantity: 1, type: 'buy' } }],
      ['name as an object', { body: { name: { $ne: 'x' }, quantity: 1, type: 'buy' } }],
      ['an array body', { body: [{ name: 'FishCo', quantity: 1, type: 'buy' }] }],
      ['a string body', { body: 'FishCo' }],
      ['an empty body', { rawBody: '' }],
      ['no body at all', {}],
      ['a text/plain body', { rawBody: 'name=FishCo&quantity=1&type=buy', headers: { 'content-type': 'text/plain' } }],
      ['an unknown field', { body: { name: 'FishCo', quantity: 1, type: 'buy', price: 0 } }],
    ];

    it.each(badBodies)('refuses %s with a 400 envelope and creates no order', async (_case, options) => {
      expectError(await post('/orders', options), 400);
      await expectNoNewOrder();
    });

    it('answers malformed JSON with its own message, not the parser text', async () => {
      expectError(await post('/orders', { rawBody: '{"name": "FishCo",' }), 400, 'malformed JSON body');
    });

    it('refuses a 2 MB body with 413 and creates no order', async () => {
      const rawBody = JSON.stringify({ name: 'FishCo', quantity: 1, type: 'buy', pad: 'x'.repeat(2 * 1024 * 1024) });
      expectError(await post('/orders', { rawBody, answeredBeforeBody: true }), 413, 'request body too large');
      await expectNoNewOrder();
    });

    it('gives the next successful trade the next number after all those refusals', async () => {
      const number = await expectTraded({ name: 'FishCo', quantity: 1, type: 'buy' });
      expectData(await get(`/orders/${number}`), { number, name: 'FishCo', type: 'buy', quantity: 1 });
      expect(await summaryOf('FishCo')).toMatchObject({ quantity: 98, volume: 4 });
    });

    it.each(['abc', '-1', '1.5', '1e3', '0x1'])('answers GET /orders/%s with 400', async (number) => {
      expectError(await get(`/orders/${number}`), 400);
    });

    it('answers an order number never given out with 404', async () => {
      expectError(await get('/orders/999999'), 404, 'order not found');
    });
  });

  describe('unknown routes', () => {
    it.each([
      ['GET', '/nope'],
      ['POST', '/stocks'],
      ['GET', '/orders'],
      ['DELETE', '/orders/0'],
    ])('answers %s %s with a 404 envelope', async (method, path) => {
      expectError(await http(method, `${frontend}${path}`), 404);
    });
  });

  describe('Idempotency-Key', () => {
    const boar = { name: 'BoarCo', quantity: 2, type: 'buy' };

    it('gives the same key, sent twice in a row, one trade and one number', async () => {
      const first = await order(boar, { 'Idempotency-Key': 'sequential-key-1' });
      expectData(first, { transaction_number: nextNumber });
      const second = await order(boar, { 'Idempotency-Key': 'sequential-key-1' });
      expectData(second, { transaction_number: nextNumber });
      nextNumber++;
      await expectNoNewOrder();
      expect(await quantityOf('BoarCo')).toBe(98);
      expect(await summaryOf('BoarCo')).toMatchObject({ quantity: 98, volume: 2 });
    });

    it('gives the same key, sent concurrently, one trade and one number', async () => {
      const headers = { 'Idempotency-Key': 'concurrent-key-1' };
      const answers = await Promise.all(Array.from({ length: 6 }, () => order(boar, headers)));
      for (const res of answers) expectData(res, { transaction_number: nextNumber });
      nextNumber++;
      await expectNoNewOrder();
      expect(await summaryOf('BoarCo')).toMatchObject({ quantity: 96, volume: 4 });
    });

    it('refuses the same key with a different body with 422 and trades nothing', async () => {
      const res = await order({ ...boar, quantity: 3 }, { 'Idempotency-Key': 'sequential-key-1' });
      expectError(res, 422);
      await expectNoNewOrder();
      expect(await summaryOf('BoarCo')).toMatchObject({ quantity: 96, volume: 4 });
    });

    it.each([
      ['200 characters', 'k'.repeat(200)],
      ['a space inside', 'two words'],
    ])('refuses a key of %s with 400 and trades nothing', async (_case, key) => {
      expectError(await order(boar, { 'Idempotency-Key': key }), 400);
      await expectNoNewOrder();
      expect(await summaryOf('BoarCo')).toMatchObject({ quantity: 96, volume: 4 });
    });

    it('keeps numbering after idempotent replays', async () => {
      await expectTraded({ name: 'BoarCo', quantity: 1, type: 'sell' });
    });
  });

  describe('Swagger', () => {
    it('serves Swagger UI at /docs', async () => {
      const res = await get('/docs', { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html\b/);
      expect(String(res.body)).toMatch(/swagger-ui/i);
    });

    it('documents the public paths and no internal one', async () => {
      const res = await get('/docs-json');
      expect(res.status).toBe(200);
      expectJson(res);
      const paths = Object.keys((res.body as { paths: Record<string, unknown> }).paths);
      expect(paths).toEqual(
        expect.arrayContaining(['/stocks', '/stocks/{name}', '/orders', '/orders/{number}', '/health']),
      );
      expect(paths.filter((path) => path.startsWith('/internal'))).toEqual([]);
      const { health, metrics } = described((res.body as { paths: Record<string, { get: Described }> }).paths);
      expect(health).toEqual({ tags: ['health'], summary: '200 when this process can serve, 503 otherwise' });
      expect(metrics).toEqual({
        tags: ['metrics'],
        summary: 'Prometheus metrics of this process (text exposition format)',
      });
    });
  });

  describe('internal routes', () => {
    const trade = { epoch: 99, trades: [{ tradeId: 'intruder-trade-1', name: 'PotionCo', type: 'buy', quantity: 5 }] };
    const command = { orders: [{ requestId: 'intruder-order-1', name: 'PotionCo', type: 'buy', quantity: 5 }] };
    const withToken = (token: string): Record<string, string> => ({ [INTERNAL_TOKEN_HEADER]: token });

    it.each([
      ['without a token', {}],
      ['with a wrong token', withToken('not-the-token')],
    ])('refuse a catalog trade %s with 401 and apply nothing', async (_case, headers) => {
      expectUnauthorized(await http('POST', `${cluster.urls.catalog}/internal/trades`, { body: trade, headers }));
      expectUnauthorized(await http('GET', `${cluster.urls.catalog}/internal/stock?name=PotionCo`, { headers }));
      expect(await summaryOf('PotionCo')).toStrictEqual({ name: 'PotionCo', price: 99.9, quantity: 100, volume: 0 });
    });

    it.each([
      ['without a token', {}],
      ['with a wrong token', withToken('not-the-token')],
    ])('refuse replica calls %s with 401 and create no order', async (_case, headers) => {
      for (const url of Object.values(cluster.urls.replicas)) {
        expectUnauthorized(await http('POST', `${url}/internal/orders`, { body: command, headers }));
        expectUnauthorized(await http('GET', `${url}/internal/replica/status`, { headers }));
      }
      await expectNoNewOrder();
      expect(await summaryOf('PotionCo')).toMatchObject({ quantity: 100, volume: 0 });
    });

    it('refuses a cache invalidation without the token on the frontend', async () => {
      const res = await post('/internal/cache/invalidations', {
        body: { invalidations: [{ name: 'PotionCo', version: 1000 }] },
      });
      expectUnauthorized(res);
    });

    it('serve a caller with the right token', async () => {
      const headers = withToken(cluster.token);
      const lookup = await http('GET', `${cluster.urls.catalog}/internal/stock?name=PotionCo`, { headers });
      expect(lookup.status).toBe(200);
      expectJson(lookup);
      expect(lookup.body.data).toMatchObject({ name: 'PotionCo', price: 99.9, quantity: 100, volume: 0 });
      const status = await http('GET', `${cluster.urls.replicas[1]}/internal/replica/status`, { headers });
      expect(status.status).toBe(200);
      expectJson(status);
    });

    it('leave numbering untouched', async () => {
      await expectTraded({ name: 'PotionCo', quantity: 1, type: 'buy' });
      expect(await summaryOf('PotionCo')).toMatchObject({ quantity: 99, volume: 1 });
    });
  });
});
