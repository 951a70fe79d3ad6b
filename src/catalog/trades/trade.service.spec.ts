import { catalogDatabase, CatalogDatabase, eachCatalogDatabase } from '../../../test/fixtures/catalog-database';
import { AppConfig } from '../../config/app-config';
import { loadReplicationTuning } from '../../config/tuning';
import { StockInvalidation, TradeRequest } from '../../shared/contracts';
import { StaleEpochError } from '../../shared/errors';
import { InvalidationPublisher } from '../invalidation/invalidation-publisher';
import { TradeJournalService } from './trade-journal.service';
import { CommittedBatch, TradeService } from './trade.service';

class FakeInvalidationPublisher extends InvalidationPublisher {
  readonly published: StockInvalidation[] = [];
  publish(invalidation: StockInvalidation): void {
    this.published.push(invalidation);
  }
}

const CONFIG = { replication: loadReplicationTuning({}) } as AppConfig;
const buy = (tradeId: string, name: string, quantity: number): TradeRequest => ({
  tradeId,
  name,
  type: 'buy',
  quantity,
});
const sell = (tradeId: string, name: string, quantity: number): TradeRequest => ({
  tradeId,
  name,
  type: 'sell',
  quantity,
});

describe(TradeService.name, () =>
  eachCatalogDatabase((kind) => {
    let db: CatalogDatabase;
    let publisher: FakeInvalidationPublisher;
    let sut: TradeService;

    beforeEach(async () => {
      db = await catalogDatabase(
        [
          { name: 'A', quantity: 5, initialQuantity: 5 },
          { name: 'B', quantity: 1, initialQuantity: 1 },
        ],
        kind,
      );
      publisher = new FakeInvalidationPublisher();
      sut = new TradeService(db.ledger, publisher, CONFIG);
    });

    afterEach(() => db.close());

    it('gives every trade of a batch its own outcome, in order', async () => {
      const outcomes = await sut.trade({
        epoch: 1,
        trades: [buy('t1', 'A', 2), buy('t2', 'A', 9), buy('t3', 'Nope', 1), sell('t4', 'B', 1), buy('t5', 'A', 3)],
      });
      expect(outcomes).toEqual([
        { applied: { tradeId: 't1', seq: 1, name: 'A', type: 'buy', quantity: 2 } },
        { error: { code: 409, reason: 'not_enough_stock', message: 'not enough stock' } },
        { error: { code: 404, reason: 'stock_not_found', message: 'stock not found' } },
        { applied: { tradeId: 't4', seq: 2, name: 'B', type: 'sell', quantity: 1 } },
        { applied: { tradeId: 't5', seq: 3, name: 'A', type: 'buy', quantity: 3 } },
      ]);
      expect(await db.ledger.findStock('A')).toMatchObject({ quantity: 0, volume: 5, version: 3 });
    });

    it('answers a repeated trade id with its first outcome, and a changed one with a conflict', async () => {
      await sut.trade({ epoch: 1, trades: [buy('t1', 'A', 2), buy('t2', 'B', 5)] });
      const again = await sut.trade({ epoch: 1, trades: [buy('t1', 'A', 2), buy('t2', 'B', 5), buy('t1', 'A', 3)] });
      expect(again).toEqual([
        { applied: { tradeId: 't1', seq: 1, name: 'A', type: 'buy', quantity: 2 } },
        { error: { code: 409, reason: 'not_enough_stock', message: 'not enough stock' } },
        {
          error: {
            code: 422,
            reason: 'idempotency_conflict',
            message: 'idempotency key already used for a different order',
          },
        },
      ]);
      expect((await db.ledger.findStock('A'))?.quantity).toBe(3);
      expect(sut.applied).toBe(1); // not the replay, not the refusals
    });

    it('finds a trade id recorded before a restart, when only the file knows it', async () => {
      await sut.trade({ epoch: 1, trades: [buy('t1', 'A', 2)] });
      const restarted = new TradeService(db.reopen(), publisher, CONFIG);
      expect(await restarted.trade({ epoch: 1, trades: [buy('t1', 'A', 2), sell('t2', 'A', 1)] })).toEqual([
        { applied: { tradeId: 't1', seq: 1, name: 'A', type: 'buy', quantity: 2 } },
        { applied: { tradeId: 't2', seq: 2, name: 'A', type: 'sell', quantity: 1 } },
      ]);
      expect((await db.reopen().findStock('A'))?.quantity).toBe(4);
    });

    it('applies a trade id repeated within one batch once', async () => {
      const outcomes = await sut.trade({ epoch: 1, trades: [sell('t1', 'A', 1), sell('t1', 'A', 1)] });
      expect(outcomes[0]).toEqual(outcomes[1]);
      expect((await db.ledger.findStock('A'))?.quantity).toBe(6);
    });

    it('commits batches that arrive together in one transaction', async () => {
      const transactions = jest.spyOn(db.ledger, 'transaction');
      const first = sut.trade({ epoch: 1, trades: [sell('a', 'A', 1)] });
      const rest = [
        sut.trade({ epoch: 1, trades: [sell('b', 'A', 1)] }),
        sut.trade({ epoch: 1, trades: [sell('c', 'B', 1)] }),
      ];
      await Promise.all([first, ...rest]);
      expect(transactions).toHaveBeenCalledTimes(2);
      expect((await db.ledger.findStock('A'))?.quantity).toBe(7);
    });

    it('pushes the newest version of each changed stock once per transaction, not for replays or refusals', async () => {
      await sut.trade({ epoch: 1, trades: [buy('t1', 'A', 1), buy('t2', 'A', 1), buy('t3', 'B', 9)] });
      await sut.trade({ epoch: 1, trades: [buy('t1', 'A', 1)] });
      expect(publisher.published).toEqual([{ name: 'A', version: 3 }]);
    });

    it('refuses a whole batch from a leader older than the fence, and changes nothing', async () => {
      await new TradeJournalService(db.ledger).fence(5);
      await expect(sut.trade({ epoch: 4, trades: [buy('old', 'A', 1)] })).rejects.toEqual(
        new StaleEpochError('stale epoch 4: current epoch is 5'),
      );
      expect((await db.ledger.findStock('A'))?.quantity).toBe(5);
      expect(await db.ledger.journalAfter(0, 10)).toEqual([]);
      await sut.trade({ epoch: 5, trades: [buy('new', 'A', 1)] });
      expect((await db.ledger.findStock('A'))?.quantity).toBe(4);
    });

    it('tells batch listeners the size, duration and outcomes of every committed transaction', async () => {
      const batches: CommittedBatch[] = [];
      sut.onBatch((batch) => batches.push(batch));
      await sut.trade({
        epoch: 1,
        trades: [buy('t1', 'A', 2), buy('t2', 'A', 9), buy('t3', 'Nope', 1), sell('t4', 'B', 1)],
      });
      await sut.trade({ epoch: 1, trades: [buy('t1', 'A', 2), buy('t5', 'B', 1)] });
      await new TradeJournalService(db.ledger).fence(2);
      await expect(sut.trade({ epoch: 1, trades: [buy('t6', 'A', 1)] })).rejects.toBeInstanceOf(StaleEpochError);
      expect(batches.map(({ size, outcomes }) => [size, Object.fromEntries(outcomes)])).toEqual([
        [4, { applied: 2, not_enough_stock: 1, stock_not_found: 1 }],
        [2, { replayed: 1, applied: 1 }],
        [1, { stale_epoch: 1 }],
      ]);
      for (const { seconds } of batches) expect(seconds).toBeGreaterThanOrEqual(0);
    });
  }),
);
