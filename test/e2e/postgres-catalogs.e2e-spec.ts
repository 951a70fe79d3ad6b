import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInternal } from '../../src/cli/inspect/internal-api';
import { http, HttpResponse, leaderId, replicaLog, replicaStatus, startCluster, TestCluster, waitFor } from './support';

/**
 * Two catalog processes on one PostgreSQL database (a throw-away server of the test's own), two
 * frontends, three order replicas. Trades reach both catalogs — through the order leader, which
 * takes the catalogs in turn, and straight at their internal route — and the database keeps them
 * atomic and exactly-once across both.
 */
const SEED = [
  { name: 'ViaLeader', price: 1, quantity: 50 },
  { name: 'Direct', price: 2, quantity: 50 },
  { name: 'Twice', price: 3, quantity: 50 },
];
const BUYS = 100;
const SEEDED = 50;

describe('two catalogs on PostgreSQL', () => {
  let cluster: TestCluster;
  let seedDir: string;

  beforeAll(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'stock-bazaar-seed-'));
    writeFileSync(join(seedDir, 'stocks.json'), JSON.stringify(SEED));
    cluster = await startCluster({
      catalogs: 2,
      frontends: 2,
      postgres: true,
      commonEnv: { STOCKS_FILE: join(seedDir, 'stocks.json') },
    });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stopAll();
    rmSync(seedDir, { recursive: true, force: true });
  });

  const internal = () => ({ 'x-internal-token': cluster.token });
  const stocksAt = (catalog: string) => readInternal(catalog, cluster.token, (api) => api.catalogStocks());
  const appliedAt = async (catalog: string) =>
    (await http('GET', `${catalog}/internal/stats`, { headers: internal() })).body.data.trades as number;
  const tally = (answers: HttpResponse[]) => {
    const counts: Record<number, number> = {};
    for (const res of answers) counts[res.status] = (counts[res.status] ?? 0) + 1;
    return counts;
  };

  it(`lets exactly ${SEEDED} of ${BUYS} concurrent buys of 1 through both frontends succeed`, async () => {
    const keys = Array.from({ length: BUYS }, () => randomUUID());
    const answers = await Promise.all(
      keys.map((key, i) =>
        http('POST', `${cluster.urls.frontends[i % 2]}/orders`, {
          body: { name: 'ViaLeader', type: 'buy', quantity: 1 },
          headers: { 'idempotency-key': key },
          timeoutMs: 30_000,
        }),
      ),
    );
    expect(tally(answers)).toEqual({ 200: SEEDED, 409: BUYS - SEEDED });
    for (const res of answers.filter((r) => r.status === 409)) {
      expect(res.body).toStrictEqual({ error: { code: 409, message: 'not enough stock' } });
    }
    const numbers = answers.filter((r) => r.status === 200).map((r) => r.body.data.transaction_number as number);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: SEEDED }, (_, i) => i));
    const winners = keys.filter((_, i) => answers[i].status === 200).sort();
    const journal = await readInternal(cluster.urls.catalogs[1], cluster.token, (api) => api.journal());
    expect(journal.map((e) => e.seq)).toEqual(Array.from({ length: SEEDED }, (_, i) => i + 1));
    expect(journal.map((e) => e.tradeId).sort()).toEqual(winners);
    const log = await replicaLog(cluster, await leaderId(cluster));
    expect(log.map((o) => o.requestId).sort()).toEqual(winners);
    for (const catalog of cluster.urls.catalogs) {
      expect((await stocksAt(catalog)).find((s) => s.name === 'ViaLeader')).toMatchObject({ quantity: 0, volume: 50 });
    }
    const shares = await Promise.all(cluster.urls.catalogs.map(appliedAt));
    expect(shares[0] + shares[1]).toBe(SEEDED);
    console.log(`through the leader: catalog applied ${shares[0]}, catalog-2 applied ${shares[1]} of ${SEEDED}`);
  }, 60_000);

  it(`lets exactly ${SEEDED} of ${BUYS} buys sent straight at the two catalogs at once succeed`, async () => {
    const before = await Promise.all(cluster.urls.catalogs.map(appliedAt));
    const { epoch } = await replicaStatus(cluster, await leaderId(cluster));
    const answers = await Promise.all(
      Array.from({ length: BUYS }, (_, i) =>
        http('POST', `${cluster.urls.catalogs[i % 2]}/internal/trades`, {
          headers: internal(),
          body: { epoch, trades: [{ tradeId: `direct-${i}`, name: 'Direct', type: 'buy', quantity: 1 }] },
        }),
      ),
    );
    expect(tally(answers)).toEqual({ 200: BUYS });
    const applied = answers.map((res) => 'applied' in res.body.data[0]);
    expect(applied.filter(Boolean)).toHaveLength(SEEDED);
    const after = await Promise.all(cluster.urls.catalogs.map(appliedAt));
    for (const c of [0, 1]) {
      expect(after[c] - before[c]).toBe(applied.filter((ok, i) => ok && i % 2 === c).length);
    }
    console.log(`straight at the catalogs: ${after[0] - before[0]} and ${after[1] - before[1]} applied`);
    const seqs = answers.flatMap((res) => ('applied' in res.body.data[0] ? [res.body.data[0].applied.seq] : []));
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: SEEDED }, (_, i) => SEEDED + i + 1));
    expect((await stocksAt(cluster.urls.catalog)).find((s) => s.name === 'Direct')).toMatchObject({
      quantity: 0,
      volume: 50,
    });
  }, 60_000);

  it('applies a trade id sent to both catalogs at once once, and both answer its one outcome', async () => {
    const { epoch } = await replicaStatus(cluster, await leaderId(cluster));
    const ids = Array.from({ length: 20 }, (_, i) => `twice-${i}`);
    const sendTo = (catalog: string) =>
      Promise.all(
        ids.map((tradeId) =>
          http('POST', `${catalog}/internal/trades`, {
            headers: internal(),
            body: { epoch, trades: [{ tradeId, name: 'Twice', type: 'buy', quantity: 1 }] },
          }),
        ),
      );
    const [first, second] = await Promise.all(cluster.urls.catalogs.map(sendTo));
    expect(second.map((r) => r.body)).toEqual(first.map((r) => r.body));
    expect(first.every((r) => 'applied' in r.body.data[0])).toBe(true);
    const journal = await readInternal(cluster.urls.catalog, cluster.token, (api) => api.journal());
    expect(
      journal
        .filter((e) => e.name === 'Twice')
        .map((e) => e.tradeId)
        .sort(),
    ).toEqual([...ids].sort());
    expect((await stocksAt(cluster.urls.catalogs[1])).find((s) => s.name === 'Twice')).toMatchObject({
      quantity: 30,
      volume: 20,
    });
  }, 60_000);

  it('conserves every stock: the order log (trades sent straight at the catalogs rolled forward) matches the catalogs', async () => {
    const journal = await readInternal(cluster.urls.catalog, cluster.token, (api) => api.journal());
    expect(journal.map((e) => e.seq)).toEqual(Array.from({ length: journal.length }, (_, i) => i + 1));
    // The leader's periodic sweep records journal entries that no order holds (see RollForwardService).
    const log = await waitFor(
      async () => {
        const entries = await replicaLog(cluster, await leaderId(cluster));
        return entries.length === journal.length ? entries : undefined;
      },
      { timeoutMs: 30_000, description: 'the leader to roll the direct trades forward' },
    );
    expect(log.map((o) => o.requestId).sort()).toEqual(journal.map((e) => e.tradeId).sort());
    const stocks = await stocksAt(cluster.urls.catalogs[1]);
    for (const seed of SEED) {
      const orders = log.filter((o) => o.name === seed.name);
      const bought = orders.filter((o) => o.type === 'buy').reduce((sum, o) => sum + o.quantity, 0);
      const sold = orders.filter((o) => o.type === 'sell').reduce((sum, o) => sum + o.quantity, 0);
      expect(stocks.find((s) => s.name === seed.name)).toMatchObject({
        quantity: seed.quantity - bought + sold,
        volume: bought + sold,
      });
    }
  }, 60_000);
});
