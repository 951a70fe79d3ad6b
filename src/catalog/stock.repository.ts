import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan, MoreThan, Repository } from 'typeorm';
import { GroupCommit } from '../shared/sync/group-commit';
import { CatalogStateRow } from './catalog-state.entity';
import { Stock } from './stock.entity';
import { TradeEntry } from './trade-entry.entity';

/** The reads and writes one trade needs, inside one SQLite transaction. */
export class TradeTransaction {
  constructor(private readonly manager: EntityManager) {}

  findEntry(tradeId: string): Promise<TradeEntry | null> {
    return this.manager.findOneBy(TradeEntry, { tradeId });
  }

  findStock(name: string): Promise<Stock | null> {
    return this.manager.findOneBy(Stock, { name });
  }

  async nextSeq(): Promise<number> {
    const row = await this.manager
      .createQueryBuilder(TradeEntry, 'entry')
      .select('MAX(entry.seq)', 'last')
      .getRawOne<{ last: number | null }>();
    return (row?.last ?? 0) + 1;
  }

  async insertStocks(stocks: Stock[]): Promise<void> {
    await this.manager.insert(Stock, stocks);
  }

  async fenceEpoch(): Promise<number> {
    return (await this.manager.findOneByOrFail(CatalogStateRow, { id: 1 })).fenceEpoch;
  }

  async raiseFence(epoch: number): Promise<void> {
    await this.manager.update(CatalogStateRow, { id: 1 }, { fenceEpoch: epoch });
  }

  /** Writes changed stocks (by name) and new journal entries. */
  async save(...rows: (Stock | TradeEntry)[]): Promise<void> {
    for (const row of rows) {
      if (row instanceof TradeEntry) await this.manager.insert(TradeEntry, row);
      else
        await this.manager.update(
          Stock,
          { name: row.name },
          { quantity: row.quantity, volume: row.volume, version: row.version },
        );
    }
  }
}

/**
 * Stocks and the trade journal in the catalog's SQLite file. Writes run one at a time, and
 * writes that arrive while one commits share the next transaction (group commit).
 */
@Injectable()
export class StockRepository {
  private readonly writes: GroupCommit<TradeTransaction>;

  constructor(
    @InjectRepository(Stock) private readonly stocks: Repository<Stock>,
    private readonly dataSource: DataSource,
  ) {
    this.writes = new GroupCommit((body) =>
      this.dataSource.transaction((manager) => body(new TradeTransaction(manager))),
    );
  }

  findByName(name: string): Promise<Stock | null> {
    return this.stocks.findOneBy({ name });
  }

  findAll(): Promise<Stock[]> {
    return this.stocks.find({ order: { name: 'ASC' } });
  }

  /** Stocks holding fewer than `quantity`; read outside any write, so re-check before changing one. */
  findBelowQuantity(quantity: number): Promise<Stock[]> {
    return this.stocks.find({ where: { quantity: LessThan(quantity) }, order: { name: 'ASC' } });
  }

  /** Applied trades with seq above `afterSeq`, ascending. */
  journalAfter(afterSeq: number, limit: number): Promise<TradeEntry[]> {
    return this.dataSource
      .getRepository(TradeEntry)
      .find({ where: { seq: MoreThan(afterSeq) }, order: { seq: 'ASC' }, take: limit });
  }

  count(): Promise<number> {
    return this.stocks.count();
  }

  async insertAll(stocks: Stock[]): Promise<void> {
    await this.writes.submit((tx) => tx.insertStocks(stocks));
  }

  /**
   * Runs `work` inside a transaction, after every earlier write. `work` must report refusals
   * as its result, not throw them: a throw rolls back the other writes of its batch too.
   */
  transaction<T>(work: (tx: TradeTransaction) => Promise<T>): Promise<T> {
    return this.writes.submit(work);
  }
}
