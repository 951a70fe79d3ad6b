import { Logger } from '@nestjs/common';
import { catalogDatabase, CatalogDatabase, eachCatalogDatabase } from '../../../test/fixtures/catalog-database';
import { AppConfig } from '../../config/app-config';
import { StockInvalidation } from '../../shared/contracts';
import { InvalidationPublisher } from '../invalidation/invalidation-publisher';
import { needsRestock, RestockService } from './restock.service';

class FakeInvalidationPublisher extends InvalidationPublisher {
  readonly published: StockInvalidation[] = [];
  publish(invalidation: StockInvalidation): void {
    this.published.push(invalidation);
  }
}

describe(RestockService.name, () =>
  eachCatalogDatabase((kind) => {
    let db: CatalogDatabase;
    let publisher: FakeInvalidationPublisher;
    let sut: RestockService;

    beforeAll(() => Logger.overrideLogger(false));

    beforeEach(async () => {
      db = await catalogDatabase(
        [
          { name: 'Low', quantity: 3, initialQuantity: 100 },
          { name: 'AtThreshold', quantity: 10, initialQuantity: 100 },
          { name: 'Full', quantity: 100, initialQuantity: 100 },
          { name: 'Empty', quantity: 0, initialQuantity: 50 },
        ],
        kind,
      );
      publisher = new FakeInvalidationPublisher();
      sut = new RestockService(db.ledger, publisher, { restockThreshold: 10 } as AppConfig);
    });

    afterEach(() => db.close());

    it('refills every stock below the threshold to its initial quantity, bumps its version and journals it', async () => {
      const restocked = await sut.restockLow();
      expect(restocked.map(({ name, quantity, version }) => ({ name, quantity, version }))).toEqual([
        { name: 'Empty', quantity: 50, version: 2 },
        { name: 'Low', quantity: 100, version: 2 },
      ]);
      const all = await db.reopen().listStocks();
      expect(all.map(({ name, quantity, version, volume }) => ({ name, quantity, version, volume }))).toEqual([
        { name: 'AtThreshold', quantity: 10, version: 1, volume: 0 },
        { name: 'Empty', quantity: 50, version: 2, volume: 0 },
        { name: 'Full', quantity: 100, version: 1, volume: 0 },
        { name: 'Low', quantity: 100, version: 2, volume: 0 },
      ]);
      expect(await db.ledger.restocks()).toEqual([
        { name: 'Empty', quantity: 50 },
        { name: 'Low', quantity: 97 },
      ]);
      expect(await db.ledger.journalAfter(0, 10)).toEqual([]);
    });

    it('pushes an invalidation with the new version for each refill, and nothing when none is needed', async () => {
      await sut.restockLow();
      expect(publisher.published).toEqual([
        { name: 'Empty', version: 2 },
        { name: 'Low', version: 2 },
      ]);
      await expect(sut.restockLow()).resolves.toEqual([]);
      expect(publisher.published).toHaveLength(2);
    });

    it('re-checks inside the write, so a stock traded back up meanwhile is left alone', async () => {
      const listed = await db.ledger.listStocks();
      await db.ledger.transaction(async (tx) => {
        await tx.lockStocks(['Low']);
        tx.applyTrade({ tradeId: 't', name: 'Low', type: 'sell', quantity: 57 }, { quantity: 60, volume: 57 });
      });
      jest.spyOn(db.ledger, 'listStocks').mockResolvedValue(listed);
      const restocked = await sut.restockLow();
      expect(restocked.map((s) => s.name)).toEqual(['Empty']);
      expect((await db.ledger.findStock('Low'))?.quantity).toBe(60);
    });
  }),
);

describe('needsRestock', () => {
  it('wants a refill only below the threshold and below the initial quantity', () => {
    expect(needsRestock({ quantity: 9, initialQuantity: 100 }, 10)).toBe(true);
    expect(needsRestock({ quantity: 10, initialQuantity: 100 }, 10)).toBe(false);
    expect(needsRestock({ quantity: 5, initialQuantity: 5 }, 10)).toBe(false);
  });
});
