import { StockInvalidation } from '../shared/contracts';
import { NotEnoughStockError } from '../shared/errors';
import { CatalogDatabase, catalogDatabase } from '../../test/fixtures/catalog-database';
import { CatalogService } from './catalog.service';
import { InvalidationPublisher } from './invalidation-publisher';

class FakeInvalidationPublisher extends InvalidationPublisher {
  readonly published: StockInvalidation[] = [];
  publish(invalidation: StockInvalidation): void {
    this.published.push(invalidation);
  }
}

describe(CatalogService.name, () => {
  let db: CatalogDatabase;
  let publisher: FakeInvalidationPublisher;
  let sut: CatalogService;

  beforeEach(async () => {
    db = await catalogDatabase([{ name: 'A', quantity: 5, initialQuantity: 5 }]);
    publisher = new FakeInvalidationPublisher();
    sut = new CatalogService(db.stocks, publisher);
  });

  afterEach(() => db.close());

  it('pushes the new version of a stock after its trade', async () => {
    const applied = await sut.trade({ tradeId: 't1', name: 'A', type: 'buy', quantity: 2, epoch: 1 });
    expect(applied.stock).toMatchObject({ quantity: 3, version: 2 });
    expect(publisher.published).toEqual([{ name: 'A', version: 2 }]);
  });

  it('pushes once per change, not for a replayed trade id or a refused trade', async () => {
    await sut.trade({ tradeId: 't1', name: 'A', type: 'sell', quantity: 1, epoch: 1 });
    await sut.trade({ tradeId: 't1', name: 'A', type: 'sell', quantity: 1, epoch: 1 });
    await expect(sut.trade({ tradeId: 't2', name: 'A', type: 'buy', quantity: 99, epoch: 1 })).rejects.toBeInstanceOf(
      NotEnoughStockError,
    );
    await sut.trade({ tradeId: 't3', name: 'A', type: 'buy', quantity: 1, epoch: 1 });
    expect(publisher.published).toEqual([
      { name: 'A', version: 2 },
      { name: 'A', version: 3 },
    ]);
  });

  it('counts single-stock lookups, found or not', async () => {
    await sut.lookup('A');
    await expect(sut.lookup('Nope')).rejects.toThrow('stock not found');
    await sut.list();
    expect(sut.stats()).toEqual({ lookups: 2 });
  });
});
