import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan, MoreThan, Repository } from 'typeorm';
import { Mutex } from '../shared/sync/mutex';
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

  async fenceEpoch(): Promise<number> {
    return (await this.manager.findOneByOrFail(CatalogStateRow, { id: 1 })).fenceEpoch;
  }

  async raiseFence(epoch: number): Promise<void> {
    await this.manager.update(CatalogStateRow, { id: 1 }, { fenceEpoch: epoch });
  }

  async save(...rows: (Stock | TradeEntry)[]): Promise<void> {
    for (const row of rows) await this.manager.save(row);
  }
}

/** Stocks and the trade journal in the catalog's SQLite file. Writes run one at a time. */
@Injectable()
export class StockRepository {
  private readonly writes = new Mutex();

  constructor(
    @InjectRepository(Stock) private readonly stocks: Repository<Stock>,
    private readonly dataSource: DataSource,
  ) {}

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
    await this.writes.run(() => this.dataSource.transaction((manager) => manager.save(Stock, stocks)));
  }

  /** Runs `work` in one transaction, after every earlier write has finished. */
  transaction<T>(work: (tx: TradeTransaction) => Promise<T>): Promise<T> {
    return this.writes.run(() => this.dataSource.transaction((manager) => work(new TradeTransaction(manager))));
  }
}
