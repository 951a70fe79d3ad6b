import { readInternal } from '../../src/cli/inspect/internal-api';
import { METRIC_PREFIX } from '../../src/shared/metrics/metrics-registry';
import { http, HttpResponse, logsIdentical, scrape, startCluster, sumOf, TestCluster, waitFor } from './support';

interface Trade {
  readonly name: string;
  readonly type: 'buy' | 'sell';
  readonly quantity: number;
}

/**
 * 200 trades at once through the public API: the frontend forwards them to the leader in batches,
 * the leader has the catalog apply each batch in one transaction, and some trades of every batch
 * must fail on their own — 150 buys of 1 against a stock of 100, 25 of a stock that does not exist,
 * and 25 sells that always succeed.
 */
describe('batched hops: 200 concurrent trades, some of which must fail, each get their own outcome', () => {
  let cluster: TestCluster;
  const trades: Trade[] = [
    ...Array.from({ length: 150 }, (): Trade => ({ name: 'BoarCo', type: 'buy', quantity: 1 })),
    ...Array.from({ length: 25 }, (): Trade => ({ name: 'NoSuchCo', type: 'buy', quantity: 1 })),
    ...Array.from({ length: 25 }, (): Trade => ({ name: 'FishCo', type: 'sell', quantity: 2 })),
  ];
  let answers: HttpResponse[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    // Interleaved, so that every batch mixes the three kinds.
    const order = trades.map((trade, i) => ({ trade, key: (i * 7919) % trades.length })).sort((a, b) => a.key - b.key);
    answers = await Promise.all(
      order.map(({ trade }) => http('POST', `${cluster.urls.frontend}/orders`, { body: trade, timeoutMs: 30_000 })),
    );
    trades.splice(0, trades.length, ...order.map(({ trade }) => trade));
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  it('answers exactly 100 of the buys, every sell, and refuses the rest with the right error', () => {
    const outcome = (trade: Trade, res: HttpResponse) => `${trade.name} ${trade.type} → ${res.status}`;
    const counts = new Map<string, number>();
    trades.forEach((trade, i) =>
      counts.set(outcome(trade, answers[i]), (counts.get(outcome(trade, answers[i])) ?? 0) + 1),
    );
    expect(Object.fromEntries(counts)).toEqual({
      'BoarCo buy → 200': 100,
      'BoarCo buy → 409': 50,
      'NoSuchCo buy → 404': 25,
      'FishCo sell → 200': 25,
    });
    for (const res of answers.filter((r) => r.status === 409)) {
      expect(res.body).toEqual({ error: { code: 409, message: 'not enough stock' } });
    }
    for (const res of answers.filter((r) => r.status === 404)) {
      expect(res.body).toEqual({ error: { code: 404, message: 'stock not found' } });
    }
  });

  it('numbers the 125 successful trades 0 to 124, each once, and each number reads back as its trade', async () => {
    const numbered = trades.flatMap((trade, i) =>
      answers[i].status === 200 ? [{ trade, number: answers[i].body.data.transaction_number as number }] : [],
    );
    expect(numbered.map((n) => n.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 125 }, (_, i) => i));
    for (const { trade, number } of numbered) {
      const order = await http('GET', `${cluster.urls.frontend}/orders/${number}`);
      expect(order.body).toEqual({ data: { number, ...trade } });
    }
    expect((await http('GET', `${cluster.urls.frontend}/orders/125`)).status).toBe(404);
  });

  it('keeps conservation: stocks, journal and every replica log agree', async () => {
    const stocks = (await http('GET', `${cluster.urls.frontend}/stocks`)).body.data as { name: string }[];
    expect(stocks.find((s) => s.name === 'BoarCo')).toMatchObject({ quantity: 0, volume: 100 });
    expect(stocks.find((s) => s.name === 'FishCo')).toMatchObject({ quantity: 150, volume: 50 });
    const log = await waitFor(
      async () => {
        const identical = await logsIdentical(cluster, [1, 2, 3]);
        return identical?.length === 125 ? identical : undefined;
      },
      { timeoutMs: 10_000, description: 'three identical logs of 125 orders' },
    );
    const journal = await readInternal(cluster.urls.catalog, cluster.token, (api) => api.journal());
    expect(journal.map((entry) => entry.seq)).toEqual(Array.from({ length: 125 }, (_, i) => i + 1));
    expect(journal.map((entry) => entry.tradeId).sort()).toEqual(log.map((entry) => entry.requestId).sort());
  });

  it('carried them in batches: fewer catalog transactions than trades', async () => {
    const { samples } = await scrape(cluster.urls.catalog);
    const transactions = sumOf(samples, `${METRIC_PREFIX}catalog_trade_batch_size_count`);
    const batched = sumOf(samples, `${METRIC_PREFIX}catalog_trade_batch_size_sum`);
    console.log(`batched hops: the 200 trades reached the catalog in ${transactions} transactions`);
    expect(batched).toBe(200); // the catalog decides unknown stocks and missing quantity too
    expect(transactions).toBeLessThan(200);
  });
});
