import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { JournalEntry, RestockEntry } from '../../shared/contracts';
import { PREPARED_MAX_ROWS, PreparedStatements } from '../../shared/database/prepared-statements';
import { isUniqueViolation } from '../../shared/database/sqlite-errors';
import { Mutex } from '../../shared/sync/mutex';
import { CatalogLedger, LedgerTransaction } from './catalog-ledger';
import { JournalEntryRow } from './journal-entry.entity';
import {
  copyOf,
  ENTRY_COLUMNS,
  EntryRow,
  entryValues,
  INSERT_ROWS,
  STOCK_COLUMNS,
  StockRow,
  toEntry,
  toJournalEntries,
  toStock,
} from './journal-rows';
import { StagedTransaction } from './staged-transaction';
import { Stock } from './stock.entity';

/** What only this process writes, so it is kept in memory: the stocks, the last journal seq, the fence. */
interface Committed {
  lastSeq: number;
  fence: number;
  stocks: Map<string, Stock>;
}

/** Every stock is in memory already: nothing to read or lock. */
const NOTHING_TO_LOCK = Promise.resolve();

/** How many of the newest journal rows stay in memory, for retries of trades just applied. */
const RECENT_ROWS = 4096;

/** The newest journal rows by trade id (at least RECENT_ROWS of them). */
class RecentJournal {
  private readonly rows = new Map<string, JournalEntryRow>();

  get(tradeId: string): JournalEntryRow | undefined {
    return this.rows.get(tradeId);
  }

  remember(rows: Iterable<JournalEntryRow>): void {
    for (const row of rows) this.rows.set(row.tradeId, row);
    if (this.rows.size <= 2 * RECENT_ROWS) return;
    for (const tradeId of [...this.rows.keys()].slice(0, this.rows.size - RECENT_ROWS)) this.rows.delete(tradeId);
  }
}

/** A transaction over the committed state: changes are staged here and written by `commit`. */
class SqliteLedgerTransaction extends StagedTransaction {
  /**
   * `askTheFile`: look up trade ids the recent rows do not know in SQLite. Without it they are
   * taken as new, and a trade id recorded long ago makes the INSERT fail on its primary key —
   * the ledger then runs the work again with it.
   */
  constructor(
    private readonly db: QueryRunner,
    private readonly prepared: PreparedStatements,
    private readonly committed: Committed,
    private readonly recent: RecentJournal,
    private readonly askTheFile: boolean,
  ) {
    super(committed.fence, committed.lastSeq);
  }

  async findEntries(tradeIds: readonly string[]): Promise<Map<string, JournalEntryRow>> {
    const found = new Map<string, JournalEntryRow>();
    for (const id of tradeIds) {
      const recent = this.recent.get(id);
      if (recent) found.set(id, recent);
    }
    const unknown = [...new Set(tradeIds)].filter((id) => !this.staged.has(id) && !found.has(id));
    if (this.askTheFile && unknown.length > 0) {
      const rows = (await this.db.query(
        `SELECT ${ENTRY_COLUMNS} FROM trade_entry WHERE trade_id IN (${unknown.map(() => '?').join(', ')})`,
        unknown,
      )) as EntryRow[];
      for (const row of rows) found.set(row.trade_id, toEntry(row));
    }
    return this.withStaged(tradeIds, found);
  }

  lockStocks(): Promise<void> {
    return NOTHING_TO_LOCK;
  }

  /** Writes everything staged; returns the state that is committed once it returns. */
  async commit(): Promise<Committed> {
    const rows = [...this.staged.values()];
    const fenceRaised = this.fence !== this.committed.fence;
    const statements = Math.ceil(rows.length / INSERT_ROWS) + (fenceRaised ? 1 : 0);
    if (statements > 1) await this.db.startTransaction();
    try {
      if (fenceRaised) await this.db.query('UPDATE catalog_state SET fence_epoch = ? WHERE id = 1', [this.fence]);
      for (let i = 0; i < rows.length; i += INSERT_ROWS) await this.insert(rows.slice(i, i + INSERT_ROWS));
      if (statements > 1) await this.db.commitTransaction();
    } catch (error) {
      if (statements > 1) await this.db.rollbackTransaction();
      throw error;
    }
    const stocks = new Map(this.committed.stocks);
    for (const [name, stock] of this.changedStocks) stocks.set(name, stock);
    return { lastSeq: this.lastSeq, fence: this.fence, stocks };
  }

  protected committedStock(name: string): Stock | undefined {
    return this.committed.stocks.get(name);
  }

  protected unknownStock(name: string): Error {
    return new Error(`journal entry for an unknown stock (${name})`);
  }

  /** One statement: the journal rows, each of which applies itself to its stock (see the trigger). */
  private async insert(rows: readonly JournalEntryRow[]): Promise<void> {
    const values = rows.flatMap(entryValues);
    const sql = `INSERT INTO trade_entry (${ENTRY_COLUMNS}) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
    await (rows.length <= PREPARED_MAX_ROWS ? this.prepared.run(sql, values) : this.db.query(sql, values));
  }
}

/**
 * The catalog's storage in its SQLite file. The stocks, the last seq and the fence are only
 * written by this process, so they are read from memory: a transaction stages its changes and
 * they become the committed state only after SQLite committed them. Every statement runs under
 * one lock, so no read ever sees a transaction half done.
 */
@Injectable()
export class SqliteCatalogLedger extends CatalogLedger implements OnModuleDestroy {
  private readonly lock = new Mutex();
  private readonly recent = new RecentJournal();
  private committed?: Committed;
  private db?: QueryRunner;
  private readonly prepared: PreparedStatements;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.prepared = new PreparedStatements(dataSource);
  }

  async onModuleDestroy(): Promise<void> {
    await this.lock.run(() => this.prepared.finalize());
    await this.db?.release();
  }

  async findStock(name: string): Promise<Stock | null> {
    const stock = (await this.state()).stocks.get(name);
    return stock ? copyOf(stock) : null;
  }

  async listStocks(): Promise<Stock[]> {
    const stocks = [...(await this.state()).stocks.values()].map(copyOf);
    return stocks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async count(): Promise<number> {
    return (await this.state()).stocks.size;
  }

  async insertStocks(stocks: readonly Stock[]): Promise<void> {
    await this.locked(async (db, committed) => {
      for (const stock of stocks) {
        await db.query(
          'INSERT INTO stock (name, price, quantity, volume, initial_quantity, version) VALUES (?, ?, ?, ?, ?, ?)',
          [stock.name, stock.price, stock.quantity, stock.volume, stock.initialQuantity, stock.version],
        );
        committed.stocks.set(stock.name, copyOf(stock));
      }
    });
  }

  /** `work` may run twice (see SqliteLedgerTransaction): it must only act through `tx`. */
  transaction<T>(work: (tx: LedgerTransaction) => Promise<T>): Promise<T> {
    return this.locked(async (db, committed) => {
      try {
        return await this.attempt(work, db, committed, false);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return this.attempt(work, db, committed, true);
      }
    });
  }

  async journalAfter(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    const rows = await this.locked(
      (db) =>
        db.query('SELECT trade_id, seq, name, type, quantity FROM trade_entry WHERE seq > ? ORDER BY seq LIMIT ?', [
          afterSeq,
          limit,
        ]) as Promise<Pick<EntryRow, 'trade_id' | 'seq' | 'name' | 'type' | 'quantity'>[]>,
    );
    return toJournalEntries(rows);
  }

  async restocks(): Promise<RestockEntry[]> {
    return this.locked(
      (db) =>
        db.query(`SELECT name, quantity FROM trade_entry WHERE kind = 'restock' ORDER BY rowid`, []) as Promise<
          RestockEntry[]
        >,
    );
  }

  private async attempt<T>(
    work: (tx: LedgerTransaction) => Promise<T>,
    db: QueryRunner,
    committed: Committed,
    askTheFile: boolean,
  ): Promise<T> {
    const tx = new SqliteLedgerTransaction(db, this.prepared, committed, this.recent, askTheFile);
    const result = await work(tx);
    this.committed = await tx.commit();
    this.recent.remember(tx.staged.values());
    return result;
  }

  private async state(): Promise<Committed> {
    return this.committed ?? this.locked(async (_db, committed) => committed);
  }

  private locked<T>(work: (db: QueryRunner, committed: Committed) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.db ??= this.dataSource.createQueryRunner();
      this.committed ??= await this.load(this.db);
      return work(this.db, this.committed);
    });
  }

  private async load(db: QueryRunner): Promise<Committed> {
    const stocks = (await db.query(`SELECT ${STOCK_COLUMNS} FROM stock`, [])) as StockRow[];
    const [seq] = (await db.query('SELECT MAX(seq) AS last FROM trade_entry', [])) as { last: number | null }[];
    const [state] = (await db.query('SELECT fence_epoch FROM catalog_state WHERE id = 1', [])) as {
      fence_epoch: number;
    }[];
    return {
      lastSeq: seq?.last ?? 0,
      fence: state?.fence_epoch ?? 0,
      stocks: new Map(stocks.map((row) => [row.name, toStock(row)])),
    };
  }
}
