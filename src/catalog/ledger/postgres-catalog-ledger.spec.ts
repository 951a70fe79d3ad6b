import { catalogDatabase, CatalogDatabase, describeOnPostgres } from '../../../test/fixtures/catalog-database';
import { AppConfig } from '../../config/app-config';
import { loadReplicationTuning } from '../../config/tuning';
import { TradeOutcome, TradeRequest } from '../../shared/contracts';
import { StaleEpochError } from '../../shared/errors';
import { InvalidationPublisher } from '../invalidation/invalidation-publisher';
import { TradeJournalService } from '../trades/trade-journal.service';
import { TradeService } from '../trades/trade.service';
import { CatalogLedger } from './catalog-ledger';
import { PostgresCatalogLedger } from './postgres-catalog-ledger';
import { Stock } from './stock.entity';

class NoInvalidations extends InvalidationPublisher {
  publish(): void {}
}

const CONFIG = { replication: loadReplicationTuning({}) } as AppConfig;
const buy = (tradeId: string): TradeRequest => ({ tradeId, name: 'A', type: 'buy', quantity: 1 });
const appliedSeqs = (outcomes: TradeOutcome[]) => outcomes.flatMap((o) => ('applied' in o ? [o.applied.seq] : []));

/** Two catalog processes on one database: two ledgers, each with its own connection pool and trade service. */
describeOnPostgres(`${PostgresCatalogLedger.name} shared by two catalogs`, () => {
  let db: CatalogDatabase;
  let other: { ledger: CatalogLedger; close: () => Promise<void> };
  let catalogs: [TradeService, TradeService];

  beforeEach(async () => {
    db = await catalogDatabase([{ name: 'A', quantity: 50, initialQuantity: 50 }], 'postgres');
    other = await db.connectAnother();
    catalogs = [
      new TradeService(db.ledger, new NoInvalidations(), CONFIG),
      new TradeService(other.ledger, new NoInvalidations(), CONFIG),
    ];
  });

  afterEach(async () => {
    await other.close();
    await db.close();
  });

  it('lets exactly 50 of 100 concurrent buys of 1 succeed, numbered 1 to 50 without a gap', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => catalogs[i % 2].trade({ epoch: 1, trades: [buy(`t${i}`)] })),
    );
    const outcomes = answers.flat();
    expect(appliedSeqs(outcomes).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(outcomes.filter((o) => 'error' in o && o.error.reason === 'not_enough_stock')).toHaveLength(50);
    expect(await db.ledger.findStock('A')).toMatchObject({ quantity: 0, volume: 50, version: 51 });
    expect(await other.ledger.journalAfter(0, 100)).toHaveLength(50);
  });

  it('applies a trade id sent to both catalogs at once once, and both answer its one outcome', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `dup-${i}`);
    const [first, second] = await Promise.all(
      catalogs.map((catalog) => Promise.all(ids.map((id) => catalog.trade({ epoch: 1, trades: [buy(id)] })))),
    );
    expect(second).toEqual(first);
    expect(appliedSeqs(first.flat()).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await db.ledger.findStock('A')).toMatchObject({ quantity: 30, volume: 20 });
    expect((await db.ledger.journalAfter(0, 100)).map((e) => e.tradeId).sort()).toEqual([...ids].sort());
  });

  it('refuses, in every catalog, a leader older than the fence raised through one of them', async () => {
    await new TradeJournalService(db.ledger).fence(5);
    await expect(catalogs[1].trade({ epoch: 4, trades: [buy('old')] })).rejects.toEqual(
      new StaleEpochError('stale epoch 4: current epoch is 5'),
    );
    await expect(new TradeJournalService(other.ledger).fence(4)).rejects.toBeInstanceOf(StaleEpochError);
    expect(await catalogs[1].trade({ epoch: 5, trades: [buy('new')] })).toEqual([
      { applied: { tradeId: 'new', seq: 1, name: 'A', type: 'buy', quantity: 1 } },
    ]);
  });

  it('keeps one copy of the stocks when both catalogs seed at once', async () => {
    const seed = [
      Object.assign(new Stock(), { name: 'B', price: 2, quantity: 9, volume: 0, initialQuantity: 9, version: 1 }),
    ];
    await Promise.all([db.ledger.insertStocks(seed), other.ledger.insertStocks(seed)]);
    expect((await db.ledger.listStocks()).map((s) => s.name)).toEqual(['A', 'B']);
  });
});
