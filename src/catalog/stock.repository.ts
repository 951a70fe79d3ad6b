import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan, Repository } from 'typeorm';
import { GroupCommit } from '../shared/sync/group-commit';
import { Stock } from './stock.entity';
import { TradeEntry } from './trade-entry.entity';

interface EntryRow {
  trade_id: string;
  seq: number | null;
  name: string;
  type: TradeEntry['type'];
  quantity: number;
  outcome: TradeEntry['outcome'];
}

/**
 * What only this process writes, so it is kept in memory: the stocks, the last journal seq and
 * the fence. A transaction works on a copy, which becomes the committed state once it commits.
 */
interface LedgerState {
  lastSeq: number;
  fence: number;
  stocks: Map<string, Stock>;
}

const copyOf = (stock: Stock): Stock => Object.assign(new Stock(), stock);

/**
 * The reads and writes trades need, inside one SQLite transaction. Plain SQL: on this path
 * TypeORM's per-call overhead cost more than SQLite itself.
 */
export class TradeTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly state: LedgerState,
  ) {}

  async findEntry(tradeId: string): Promise<TradeEntry | null> {
    const [row] = await this.manager.query<EntryRow[]>('SELECT * FROM trade_entry WHERE trade_id = ?', [tradeId]);
    if (!row) return null;
    const { trade_id, seq, name, type, quantity, outcome } = row;
    return Object.assign(new TradeEntry(), { tradeId: trade_id, seq, name, type, quantity, outcome });
  }

  async findStock(name: string): Promise<Stock | null> {
    const stock = this.state.stocks.get(name);
    return stock ? copyOf(stock) : null;
  }

  async nextSeq(): Promise<number> {
    this.state.lastSeq += 1;
    return this.state.lastSeq;
  }

  async insertStocks(stocks: Stock[]): Promise<void> {
    await this.manager.insert(Stock, stocks);
    for (const stock of stocks) this.state.stocks.set(stock.name, copyOf(stock));
  }

  async fenceEpoch(): Promise<number> {
    return this.state.fence;
  }

  async raiseFence(epoch: number): Promise<void> {
    await this.manager.query('UPDATE catalog_state SET fence_epoch = ? WHERE id = 1', [epoch]);
    this.state.fence = epoch;
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
        this.state.stocks.set(row.name, copyOf(row));
      }
    }
  }
}

/**
 * Stocks and the trade journal in the catalog's SQLite file. Writes run one at a time, and
 * writes that arrive while one commits share the next transaction (group commit). Stocks are
 * read from the committed state in memory: never a value a transaction has not committed yet.
 */
@Injectable()
export class StockRepository {
  private readonly writes: GroupCommit<TradeTransaction>;
  private committed?: LedgerState;
  private loading?: Promise<LedgerState>;

  constructor(
    @InjectRepository(Stock) private readonly stocks: Repository<Stock>,
    private readonly dataSource: DataSource,
  ) {
    this.writes = new GroupCommit((body) => this.inTransaction(body));
  }

  /** One transaction on a copy of the state, which becomes the committed state if it commits. */
  private async inTransaction<R>(body: (tx: TradeTransaction) => Promise<R>): Promise<R> {
    const base = await this.ledger();
    const working: LedgerState = { ...base, stocks: new Map(base.stocks) };
    const result = await this.dataSource.transaction((manager) => body(new TradeTransaction(manager, working)));
    this.committed = working;
    return result;
  }

  /** The committed state, read from the file once; every later change passes through here. */
  private ledger(): Promise<LedgerState> {
    if (this.committed) return Promise.resolve(this.committed);
    this.loading ??= this.load().then((state) => (this.committed = state));
    return this.loading;
  }

  private async load(): Promise<LedgerState> {
    const stocks = await this.stocks.find();
    const [seq] = await this.dataSource.query<{ last: number | null }[]>('SELECT MAX(seq) AS last FROM trade_entry');
    const [state] = await this.dataSource.query<{ fence_epoch: number }[]>(
      'SELECT fence_epoch FROM catalog_state WHERE id = 1',
    );
    return {
      lastSeq: seq?.last ?? 0,
      fence: state?.fence_epoch ?? 0,
      stocks: new Map(stocks.map((stock) => [stock.name, stock])),
    };
  }

  private async committedStocks(): Promise<Stock[]> {
    const stocks = [...(await this.ledger()).stocks.values()].map(copyOf);
    return stocks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async findByName(name: string): Promise<Stock | null> {
    const stock = (await this.ledger()).stocks.get(name);
    return stock ? copyOf(stock) : null;
  }

  findAll(): Promise<Stock[]> {
    return this.committedStocks();
  }

  /** Stocks holding fewer than `quantity`; read outside any write, so re-check before changing one. */
  async findBelowQuantity(quantity: number): Promise<Stock[]> {
    return (await this.committedStocks()).filter((stock) => stock.quantity < quantity);
  }

  /** Applied trades with seq above `afterSeq`, ascending. */
  journalAfter(afterSeq: number, limit: number): Promise<TradeEntry[]> {
    return this.dataSource
      .getRepository(TradeEntry)
      .find({ where: { seq: MoreThan(afterSeq) }, order: { seq: 'ASC' }, take: limit });
  }

  async count(): Promise<number> {
    return (await this.ledger()).stocks.size;
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
