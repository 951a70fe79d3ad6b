import { isDeepStrictEqual } from 'node:util';
import { http, HttpResponse, ProcessName, startCluster, TestCluster, waitFor } from './support';

/**
 * The catalog and every order replica are killed with SIGKILL at once and started again on the
 * same data dirs: stocks, volumes and every acknowledged order survive, and numbering goes on.
 */

const STATEFUL: readonly ProcessName[] = ['catalog', 'order-1', 'order-2', 'order-3'];
const TRADES = [
  { name: 'FishCo', quantity: 7, type: 'buy' },
  { name: 'BoarCo', quantity: 4, type: 'buy' },
  { name: 'FishCo', quantity: 2, type: 'sell' },
  { name: 'MenhirCo', quantity: 10, type: 'buy' },
  { name: 'BoarCo', quantity: 1, type: 'sell' },
  { name: 'MenhirCo', quantity: 3, type: 'sell' },
  { name: 'FishCo', quantity: 5, type: 'buy' },
] as const;

interface LogEntry {
  number: number;
  name: string;
  type: string;
  quantity: number;
}

describe('restart of catalog and all order replicas', () => {
  let cluster: TestCluster;
  let stocksBefore: unknown;
  let ordersBefore: HttpResponse[];

  const frontend = (path: string): string => `${cluster.urls.frontend}${path}`;
  const readOrders = (): Promise<HttpResponse[]> =>
    Promise.all(TRADES.map((_, number) => http('GET', frontend(`/orders/${number}`))));

  beforeAll(async () => {
    cluster = await startCluster();
    for (const [number, trade] of TRADES.entries()) {
      const res = await http('POST', frontend('/orders'), { body: trade });
      expect(res.body).toStrictEqual({ data: { transaction_number: number } });
    }
    stocksBefore = (await http('GET', frontend('/stocks'))).body;
    ordersBefore = await readOrders();

    await Promise.all(STATEFUL.map((name) => cluster.process(name).kill('SIGKILL')));
    for (const name of STATEFUL) expect(cluster.process(name).running).toBe(false);
    await Promise.all(STATEFUL.map((name) => cluster.process(name).start({ timeoutMs: 45_000 })));
    // The frontend was not restarted: wait until it reaches a leader again.
    await waitFor(
      async () => ((await http('GET', frontend(`/orders/${TRADES.length - 1}`))).status === 200 ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 200, description: 'the frontend to read orders from a leader again' },
    );
  }, 120_000);

  afterAll(async () => {
    await cluster?.stopAll();
  });

  it('recorded what the trades did before the crash', () => {
    const stocks = (stocksBefore as { data: Array<Record<string, unknown>> }).data;
    const byName = (name: string): Record<string, unknown> | undefined => stocks.find((s) => s.name === name);
    expect(byName('FishCo')).toMatchObject({ quantity: 90, volume: 14 });
    expect(byName('BoarCo')).toMatchObject({ quantity: 97, volume: 5 });
    expect(byName('MenhirCo')).toMatchObject({ quantity: 93, volume: 13 });
    ordersBefore.forEach((res, number) => {
      expect(res.body).toStrictEqual({ data: { number, ...TRADES[number] } });
    });
  });

  it('keeps every quantity and volume', async () => {
    const res = await http('GET', frontend('/stocks'));
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual(stocksBefore);
    for (const trade of TRADES) {
      const quote = await http('GET', frontend(`/stocks/${trade.name}`));
      const listed = (res.body.data as Array<Record<string, unknown>>).find((s) => s.name === trade.name);
      expect(quote.body.data.quantity).toBe(listed?.quantity);
    }
  });

  it('keeps every order', async () => {
    const orders = await readOrders();
    expect(orders.map((res) => ({ status: res.status, body: res.body }))).toStrictEqual(
      ordersBefore.map((res) => ({ status: res.status, body: res.body })),
    );
    const beyond = await http('GET', frontend(`/orders/${TRADES.length}`));
    expect(beyond.body).toStrictEqual({ error: { code: 404, message: 'order not found' } });
  });

  it('brings every replica back to the same order log', async () => {
    const expected: LogEntry[] = TRADES.map((trade, number) => ({ number, ...trade }));
    const headers = { 'x-internal-token': cluster.token };
    for (const url of Object.values(cluster.urls.replicas)) {
      await waitFor(
        async () => {
          const res = await http('GET', `${url}/internal/replica/entries?after=-1&limit=100`, { headers });
          const entries = (res.body?.data ?? []) as LogEntry[];
          const log = entries.map(({ number, name, type, quantity }) => ({ number, name, type, quantity }));
          if (isDeepStrictEqual(log, expected)) return true;
          throw new Error(`${res.status}: ${JSON.stringify(res.status === 200 ? log : res.body)}`);
        },
        { timeoutMs: 15_000, intervalMs: 200, description: `${url} to hold the ${TRADES.length} orders` },
      );
    }
  });

  it('continues numbering with the next trade', async () => {
    const res = await http('POST', frontend('/orders'), { body: { name: 'BoarCo', quantity: 2, type: 'buy' } });
    expect(res.body).toStrictEqual({ data: { transaction_number: TRADES.length } });
    expect((await http('GET', frontend(`/orders/${TRADES.length}`))).body).toStrictEqual({
      data: { number: TRADES.length, name: 'BoarCo', type: 'buy', quantity: 2 },
    });
    const list = await http('GET', frontend('/stocks'));
    expect((list.body.data as Array<Record<string, unknown>>).find((s) => s.name === 'BoarCo')).toMatchObject({
      quantity: 95,
      volume: 7,
    });
  });
});
