import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan, MoreThan, Repository } from 'typeorm';
import { GroupCommit } from '../shared/sync/group-commit';
import { Stock } from './stock.entity';
import { TradeEntry } from './trade-entry.entity';

interface StockRow {
  name: string;
  price: number;
  quantity: number;
  volume: number;
  initial_quantity: number;
  version: number;
}

interface EntryRow {
  trade_id: string;
  seq: number | null;
  name: string;
  type: TradeEntry['type'];
  quantity: number;
  outcome: TradeEntry['outcome'];
}

/** What only this process writes, so it can be kept in memory between transactions. */
export interface LedgerCounters {
  lastSeq: number;
  fence: number;
}

/**
 * The reads and writes trades need, inside one SQLite transaction. Plain SQL: on this path
 * TypeORM's per-call overhead cost more than SQLite itself. The last seq and the fence are
 * counted in memory and adopted by the repository only once the transaction has committed.
 */
export class TradeTransaction {
  constructor(
    private readonly manager: EntityManager,
    readonly counters: LedgerCounters,
  ) {}

  async findEntry(tradeId: string): Promise<TradeEntry | null> {
    const [row] = await this.manager.query<EntryRow[]>('SELECT * FROM trade_entry WHERE trade_id = ?', [tradeId]);
    if (!row) return null;
    const { trade_id, seq, name, type, quantity, outcome } = row;
    return Object.assign(new TradeEntry(), { tradeId: trade_id, seq, name, type, quantity, outcome });
  }

  async findStock(name: string): Promise<Stock | null> {
    const [row] = await this.manager.query<StockRow[]>('SELECT * FROM stock WHERE name = ?', [name]);
    if (!row) return null;
    const { price, quantity, volume, initial_quantity, version } = row;
    return Object.assign(new Stock(), {
      name: row.name,
      price,
      quantity,
      volume,
      initialQuantity: initial_quantity,
      version,
    });
  }

  async nextSeq(): Promise<number> {
    this.counters.lastSeq += 1;
    return this.counters.lastSeq;
  }

  async insertStocks(stocks: Stock[]): Promise<void> {
    await this.manager.insert(Stock, stocks);
  }

  async fenceEpoch(): Promise<number> {
    return this.counters.fence;
  }

  async raiseFence(epoch: number): Promise<void> {
    await this.manager.query('UPDATE catalog_state SET fence_epoch = ? WHERE id = 1', [epoch]);
    this.counters.fence = epoch;
  }

  /** Writes changed stocks (by name) and new journal entries. */
  async save(...rows: (Stock | TradeEntry)[]): Promise<void> {
    for (const row of rows) {
      if (row instanceof TradeEntry) {
        await this.manager.query(
          'INSERT INTO trade_entry (trade_id, seq, name, type, quantity, outcome) VALUES (?, ?, ?, ?, ?, ?)',
          [row.tradeId, row.seq, row.name, row.type, row.quantity, row.outcome],
        );
      } else {
        await this.manager.query('UPDATE stock SET quantity = ?, volume = ?, version = ? WHERE name = ?', [
          row.quantity,
          row.volume,
          row.version,
          row.name,
        ]);
      }
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
  private committed?: LedgerCounters;
  private afterCommit?: LedgerCounters;

  constructor(
    @InjectRepository(Stock) private readonly stocks: Repository<Stock>,
    private readonly dataSource: DataSource,
  ) {
    this.writes = new GroupCommit((body) => this.inTransaction(body));
  }

  /** One transaction; the in-memory counters change only if it commits. */
  private async inTransaction<R>(body: (tx: TradeTransaction) => Promise<R>): Promise<R> {
    return this.dataSource
      .transaction(async (manager) => {
        const counters = { ...(this.committed ?? (await this.loadCounters(manager))) };
        const result = await body(new TradeTransaction(manager, counters));
        this.afterCommit = counters;
        return result;
      })
      .then((result) => {
        this.committed = this.afterCommit;
        return result;
      });
  }

  private async loadCounters(manager: EntityManager): Promise<LedgerCounters> {
    const [seq] = await manager.query<{ last: number | null }[]>('SELECT MAX(seq) AS last FROM trade_entry');
    const [state] = await manager.query<{ fence_epoch: number }[]>(
      'SELECT fence_epoch FROM catalog_state WHERE id = 1',
    );
    return { lastSeq: seq?.last ?? 0, fence: state?.fence_epoch ?? 0 };
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
