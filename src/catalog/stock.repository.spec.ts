import { catalogDatabase, CatalogDatabase } from '../../test/fixtures/catalog-database';
import { StockRepository } from './stock.repository';

describe(StockRepository.name, () => {
  let db: CatalogDatabase;
  let sut: StockRepository;

  beforeEach(async () => {
    db = await catalogDatabase([
      { name: 'B', quantity: 5, initialQuantity: 5 },
      { name: 'A', quantity: 7, initialQuantity: 7 },
    ]);
    sut = db.stocks;
  });

  afterEach(() => db.close());

  it('reads committed stocks, sorted by name', async () => {
    expect((await sut.findAll()).map((s) => [s.name, s.quantity])).toEqual([
      ['A', 7],
      ['B', 5],
    ]);
    expect(await sut.count()).toBe(2);
    expect((await sut.findBelowQuantity(6)).map((s) => s.name)).toEqual(['B']);
  });

  it('never shows a change before its transaction commits', async () => {
    let release: () => void = () => undefined;
    const writing = sut.transaction(async (tx) => {
      const stock = (await tx.findStock('A'))!;
      await tx.save(Object.assign(stock, { quantity: 1, version: stock.version + 1 }));
      await new Promise<void>((resolve) => (release = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await sut.findByName('A'))?.quantity).toBe(7);
    release();
    await writing;
    expect((await sut.findByName('A'))?.quantity).toBe(1);
  });

  it('forgets the changes of a transaction that rolls back', async () => {
    const failing = sut.transaction(async (tx) => {
      const stock = (await tx.findStock('B'))!;
      await tx.save(Object.assign(stock, { quantity: 0 }));
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect((await sut.findByName('B'))?.quantity).toBe(5);
    const [row] = await db.dataSource.query<{ quantity: number }[]>("SELECT quantity FROM stock WHERE name = 'B'");
    expect(row.quantity).toBe(5);
  });

  it('hands out copies, so a caller cannot change the committed state by accident', async () => {
    const stock = (await sut.findByName('A'))!;
    stock.quantity = 999;
    expect((await sut.findByName('A'))?.quantity).toBe(7);
  });
});
