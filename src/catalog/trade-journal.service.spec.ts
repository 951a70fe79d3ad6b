import { catalogDatabase, CatalogDatabase } from '../../test/fixtures/catalog-database';
import { StaleEpochError } from '../shared/errors';
import { CatalogService } from './catalog.service';
import { InvalidationPublisher } from './invalidation-publisher';
import { TradeJournalService } from './trade-journal.service';

class SilentPublisher extends InvalidationPublisher {
  publish(): void {}
}

describe(TradeJournalService.name, () => {
  let db: CatalogDatabase;
  let catalog: CatalogService;
  let sut: TradeJournalService;

  beforeEach(async () => {
    db = await catalogDatabase([{ name: 'A', quantity: 10, initialQuantity: 10 }]);
    catalog = new CatalogService(db.stocks, new SilentPublisher());
    sut = new TradeJournalService(db.stocks);
  });

  afterEach(() => db.close());

  it('lists applied trades in seq order, skipping refused ones', async () => {
    await catalog.trade({ tradeId: 'a', name: 'A', type: 'buy', quantity: 4, epoch: 1 });
    await expect(catalog.trade({ tradeId: 'b', name: 'A', type: 'buy', quantity: 99, epoch: 1 })).rejects.toThrow();
    await catalog.trade({ tradeId: 'c', name: 'A', type: 'sell', quantity: 2, epoch: 1 });
    expect(await sut.entriesAfter(0, 10)).toEqual([
      { tradeId: 'a', seq: 1, name: 'A', type: 'buy', quantity: 4 },
      { tradeId: 'c', seq: 2, name: 'A', type: 'sell', quantity: 2 },
    ]);
    expect(await sut.entriesAfter(1, 10)).toEqual([{ tradeId: 'c', seq: 2, name: 'A', type: 'sell', quantity: 2 }]);
    expect(await sut.entriesAfter(0, 1)).toHaveLength(1);
  });

  it('refuses trades from a leader older than the fence, and changes nothing', async () => {
    await sut.fence(5);
    await expect(catalog.trade({ tradeId: 'old', name: 'A', type: 'buy', quantity: 1, epoch: 4 })).rejects.toEqual(
      new StaleEpochError('stale epoch 4: current epoch is 5'),
    );
    expect((await catalog.lookup('A')).quantity).toBe(10);
    expect(await sut.entriesAfter(0, 10)).toEqual([]);
    await catalog.trade({ tradeId: 'new', name: 'A', type: 'buy', quantity: 1, epoch: 5 });
    expect((await catalog.lookup('A')).quantity).toBe(9);
  });

  it('only raises the fence, and refuses to lower it', async () => {
    await sut.fence(3);
    await sut.fence(3);
    await expect(sut.fence(2)).rejects.toBeInstanceOf(StaleEpochError);
    await expect(catalog.trade({ tradeId: 'x', name: 'A', type: 'buy', quantity: 1, epoch: 2 })).rejects.toBeInstanceOf(
      StaleEpochError,
    );
  });
});
