import { catalogDatabase, CatalogDatabase, eachCatalogDatabase } from '../../../test/fixtures/catalog-database';
import { CatalogLedger } from './catalog-ledger';

const trade = (tradeId: string, name: string, type: 'buy' | 'sell', quantity: number) => ({
  tradeId,
  name,
  type,
  quantity,
});
const holdings = (stocks: { name: string; quantity: number; volume: number; version: number }[]) =>
  stocks.map(({ name, quantity, volume, version }) => ({ name, quantity, volume, version }));

describe(CatalogLedger.name, () =>
  eachCatalogDatabase((kind) => {
    let db: CatalogDatabase;
    let sut: CatalogLedger;

    beforeEach(async () => {
      db = await catalogDatabase(
        [
          { name: 'B', quantity: 5, initialQuantity: 5 },
          { name: 'A', quantity: 7, initialQuantity: 7 },
        ],
        kind,
      );
      sut = db.ledger;
    });

    afterEach(() => db.close());

    it('reads committed stocks, sorted by name', async () => {
      expect((await sut.listStocks()).map((s) => [s.name, s.quantity])).toEqual([
        ['A', 7],
        ['B', 5],
      ]);
      expect(await sut.count()).toBe(2);
    });

    it('writes each journal row to its stock in the database exactly as the transaction staged it', async () => {
      await sut.transaction(async (tx) => {
        await tx.lockStocks(['A', 'B']);
        tx.applyTrade(trade('t1', 'A', 'buy', 3), { quantity: 4, volume: 3 });
        tx.applyTrade(trade('t2', 'A', 'sell', 1), { quantity: 5, volume: 4 });
        tx.refuseTrade(trade('t3', 'B', 'buy', 50));
        tx.applyTrade(trade('t4', 'B', 'buy', 5), { quantity: 0, volume: 5 });
      });
      await sut.transaction(async (tx) => {
        await tx.lockStocks(['B']);
        tx.restock('B', 5);
      });
      const inMemory = holdings(await sut.listStocks());
      expect(inMemory).toEqual([
        { name: 'A', quantity: 5, volume: 4, version: 3 },
        { name: 'B', quantity: 5, volume: 5, version: 3 },
      ]);
      expect(holdings(await db.reopen().listStocks())).toEqual(inMemory);
      expect(await sut.journalAfter(0, 10)).toEqual([
        { tradeId: 't1', seq: 1, name: 'A', type: 'buy', quantity: 3 },
        { tradeId: 't2', seq: 2, name: 'A', type: 'sell', quantity: 1 },
        { tradeId: 't4', seq: 3, name: 'B', type: 'buy', quantity: 5 },
      ]);
      expect(await sut.restocks()).toEqual([{ name: 'B', quantity: 5 }]);
      expect(await db.reopen().journalAfter(2, 10)).toHaveLength(1);
    });

    it('finds journal rows recorded before and staged in the same transaction', async () => {
      await sut.transaction(async (tx) => {
        await tx.lockStocks(['A']);
        tx.applyTrade(trade('old', 'A', 'buy', 1), { quantity: 6, volume: 1 });
      });
      await sut.transaction(async (tx) => {
        tx.refuseTrade(trade('new', 'B', 'buy', 9));
        const found = await tx.findEntries(['old', 'new', 'none']);
        expect([...found.keys()].sort()).toEqual(['new', 'old']);
        expect(found.get('old')).toMatchObject({ seq: 1, outcome: 'applied' });
        expect(found.get('new')).toMatchObject({ seq: null, outcome: 'not_enough_stock' });
      });
    });

    it('never shows a change before its transaction commits', async () => {
      let release: () => void = () => undefined;
      let staged: () => void = () => undefined;
      const wasStaged = new Promise<void>((resolve) => (staged = resolve));
      const writing = sut.transaction(async (tx) => {
        await tx.lockStocks(['A']);
        tx.applyTrade(trade('t', 'A', 'buy', 6), { quantity: 1, volume: 6 });
        expect(tx.findStock('A')?.quantity).toBe(1);
        staged();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await wasStaged;
      expect((await sut.findStock('A'))?.quantity).toBe(7);
      release();
      await writing;
      expect((await sut.findStock('A'))?.quantity).toBe(1);
    });

    it('keeps nothing of a transaction whose work throws or whose write fails', async () => {
      await expect(
        sut.transaction(async (tx) => {
          await tx.lockStocks(['B']);
          tx.applyTrade(trade('t1', 'B', 'buy', 5), { quantity: 0, volume: 5 });
          throw new Error('disk full');
        }),
      ).rejects.toThrow('disk full');
      // The row of B vanishes behind the ledger's back: the journal row's trigger refuses the write.
      await db.dataSource.query("DELETE FROM stock WHERE name = 'B'");
      await expect(
        sut.transaction(async (tx) => {
          await tx.lockStocks(['B']);
          tx.raiseFence(9);
          tx.applyTrade(trade('t2', 'B', 'sell', 1), { quantity: 6, volume: 1 });
        }),
      ).rejects.toThrow('unknown stock');
      // SQLite serves its committed state from memory: the failed write must not have reached it.
      if (kind === 'sqlite') expect((await sut.findStock('B'))?.quantity).toBe(5);
      expect(await sut.journalAfter(0, 10)).toEqual([]);
      const [state] = await db.dataSource.query<{ fence_epoch: number }[]>('SELECT fence_epoch FROM catalog_state');
      expect(state.fence_epoch).toBe(0);
      await sut.transaction(async (tx) => expect(tx.fenceEpoch).toBe(0));
    });

    it('refuses, with the database, a write that would oversell a stock', async () => {
      await expect(
        sut.transaction(async (tx) => {
          await tx.lockStocks(['A']);
          tx.applyTrade(trade('t1', 'A', 'buy', 8), { quantity: 0, volume: 8 });
        }),
      ).rejects.toThrow(/check constraint/i);
      expect((await db.reopen().findStock('A'))?.quantity).toBe(7);
    });

    it('hands out copies, so a caller cannot change the committed state by accident', async () => {
      const stock = (await sut.findStock('A'))!;
      stock.quantity = 999;
      expect((await sut.findStock('A'))?.quantity).toBe(7);
    });
  }),
);
