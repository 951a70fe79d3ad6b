import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JournalEntry, RestockEntry } from '../../shared/contracts';
import { isPostgresUniqueViolation } from '../../shared/database/postgres-errors';
import { CatalogLedger, LedgerTransaction } from './catalog-ledger';
import { EntryRow, STOCK_COLUMNS, StockRow, toJournalEntries, toStock } from './journal-rows';
import { placeholders, PostgresLedgerTransaction } from './postgres-ledger-transaction';
import { Stock } from './stock.entity';

/**
 * The catalog's storage on a PostgreSQL server that several catalog processes share. Nothing is
 * kept in memory: every read asks the database for what is committed, and every transaction runs
 * under the database's state lock (see PostgresLedgerTransaction), so trades are applied once and
 * in one order whichever catalog receives them.
 */
@Injectable()
export class PostgresCatalogLedger extends CatalogLedger {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async findStock(name: string): Promise<Stock | null> {
    const [row] = await this.dataSource.query<StockRow[]>(`SELECT ${STOCK_COLUMNS} FROM stock WHERE name = $1`, [name]);
    return row ? toStock(row) : null;
  }

  /** Sorted by code points, as the SQLite ledger sorts, whatever the database's collation. */
  async listStocks(): Promise<Stock[]> {
    const rows = await this.dataSource.query<StockRow[]>(
      `SELECT ${STOCK_COLUMNS} FROM stock ORDER BY name COLLATE "C"`,
    );
    return rows.map(toStock);
  }

  async count(): Promise<number> {
    const [row] = await this.dataSource.query<{ stocks: number }[]>('SELECT count(*)::integer AS stocks FROM stock');
    return row.stocks;
  }

  /** Stocks already there are left alone: catalogs starting together may both seed. */
  async insertStocks(stocks: readonly Stock[]): Promise<void> {
    if (stocks.length === 0) return;
    const values = stocks.flatMap((s) => [s.name, s.price, s.quantity, s.volume, s.initialQuantity, s.version]);
    await this.dataSource.query(
      `INSERT INTO stock (${STOCK_COLUMNS}) VALUES ${placeholders(stocks.length, 6)} ON CONFLICT (name) DO NOTHING`,
      values,
    );
  }

  /**
   * `work` may run twice: a trade id that another catalog committed between our read and our
   * write fails the write on the journal's key, and the work runs again and finds it. It must
   * only act through `tx`.
   */
  async transaction<T>(work: (tx: LedgerTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.attempt(work);
    } catch (error) {
      if (!isPostgresUniqueViolation(error)) throw error;
      return this.attempt(work);
    }
  }

  async journalAfter(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    const rows = await this.dataSource.query<Pick<EntryRow, 'trade_id' | 'seq' | 'name' | 'type' | 'quantity'>[]>(
      'SELECT trade_id, seq, name, type, quantity FROM trade_entry WHERE seq > $1 ORDER BY seq LIMIT $2',
      [afterSeq, limit],
    );
    return toJournalEntries(rows);
  }

  async restocks(): Promise<RestockEntry[]> {
    return this.dataSource.query<RestockEntry[]>(
      `SELECT name, quantity FROM trade_entry WHERE kind = 'restock' ORDER BY entry_order`,
    );
  }

  private async attempt<T>(work: (tx: LedgerTransaction) => Promise<T>): Promise<T> {
    const db = this.dataSource.createQueryRunner();
    try {
      await db.startTransaction('READ COMMITTED');
      const tx = await PostgresLedgerTransaction.begin(db);
      const result = await work(tx);
      await tx.write();
      await db.commitTransaction();
      return result;
    } catch (error) {
      if (db.isTransactionActive) await db.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await db.release();
    }
  }
}
