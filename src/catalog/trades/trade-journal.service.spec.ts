import { catalogDatabase, CatalogDatabase, eachCatalogDatabase } from '../../../test/fixtures/catalog-database';
import { StaleEpochError } from '../../shared/errors';
import { TradeJournalService } from './trade-journal.service';

describe(TradeJournalService.name, () =>
  eachCatalogDatabase((kind) => {
    let db: CatalogDatabase;
    let sut: TradeJournalService;

    beforeEach(async () => {
      db = await catalogDatabase([{ name: 'A', quantity: 10, initialQuantity: 10 }], kind);
      sut = new TradeJournalService(db.ledger);
    });

    afterEach(() => db.close());

    it('only raises the fence, refuses to lower it, and keeps it across a restart', async () => {
      await sut.fence(3);
      await sut.fence(3);
      await expect(sut.fence(2)).rejects.toEqual(new StaleEpochError('stale epoch 2: current epoch is 3'));
      await db.reopen().transaction(async (tx) => expect(tx.fenceEpoch).toBe(3));
    });

    it('lists applied trades after a seq', async () => {
      await db.ledger.transaction(async (tx) => {
        await tx.lockStocks(['A']);
        tx.applyTrade({ tradeId: 'a', name: 'A', type: 'buy', quantity: 4 }, { quantity: 6, volume: 4 });
        tx.applyTrade({ tradeId: 'c', name: 'A', type: 'sell', quantity: 2 }, { quantity: 8, volume: 6 });
      });
      expect(await sut.entriesAfter(1, 10)).toEqual([{ tradeId: 'c', seq: 2, name: 'A', type: 'sell', quantity: 2 }]);
      expect(await sut.entriesAfter(0, 1)).toHaveLength(1);
    });
  }),
);
