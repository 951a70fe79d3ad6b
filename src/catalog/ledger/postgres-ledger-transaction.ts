import { QueryRunner } from 'typeorm';
import { JournalEntryRow } from './journal-entry.entity';
import {
  ENTRY_COLUMNS,
  EntryRow,
  entryValues,
  INSERT_ROWS,
  STOCK_COLUMNS,
  StockRow,
  toEntry,
  toStock,
} from './journal-rows';
import { StagedTransaction } from './staged-transaction';
import { Stock } from './stock.entity';

/** `($1, $2, … $7), ($8, …)`: numbered placeholders for `rows` rows of `columns` values. */
export function placeholders(rows: number, columns: number): string {
  const row = (r: number) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`;
  return Array.from({ length: rows }, (_, r) => row(r)).join(', ');
}

/**
 * One transaction of the catalog on PostgreSQL, shared by several catalog processes. `begin`
 * locks the one `catalog_state` row (FOR UPDATE) until the transaction ends, so transactions of
 * every catalog run one after another: the fence read is the current one, the next journal seq is
 * the highest committed plus one (gap-free: a rolled-back transaction used none), and a trade id
 * committed by another catalog is found by `findEntries`. Every statement after the lock sees
 * everything committed before it (READ COMMITTED takes a new snapshot per statement), which is why
 * the seq is read only once the lock is held. Stock rows are locked as well (`lockStocks`), and the
 * journal's primary key and the stock's CHECK stay the last word: a duplicate trade id or an
 * oversold stock fails the whole transaction.
 */
export class PostgresLedgerTransaction extends StagedTransaction {
  private readonly locked = new Set<string>();
  /** Locked stocks as committed. */
  private readonly stocks = new Map<string, Stock>();

  private constructor(
    private readonly db: QueryRunner,
    committedFence: number,
    lastSeq: number,
  ) {
    super(committedFence, lastSeq);
  }

  /** Within an open database transaction: takes the state lock, then reads the fence and the last seq. */
  static async begin(db: QueryRunner): Promise<PostgresLedgerTransaction> {
    const [state] = (await db.query('SELECT fence_epoch FROM catalog_state WHERE id = 1 FOR UPDATE')) as {
      fence_epoch: number;
    }[];
    const [seq] = (await db.query('SELECT COALESCE(MAX(seq), 0) AS last FROM trade_entry')) as { last: number }[];
    return new PostgresLedgerTransaction(db, state.fence_epoch, seq.last);
  }

  async findEntries(tradeIds: readonly string[]): Promise<Map<string, JournalEntryRow>> {
    const found = new Map<string, JournalEntryRow>();
    const unknown = [...new Set(tradeIds)].filter((id) => !this.staged.has(id));
    if (unknown.length > 0) {
      const rows = (await this.db.query(`SELECT ${ENTRY_COLUMNS} FROM trade_entry WHERE trade_id = ANY($1)`, [
        unknown,
      ])) as EntryRow[];
      for (const row of rows) found.set(row.trade_id, toEntry(row));
    }
    return this.withStaged(tradeIds, found);
  }

  async lockStocks(names: readonly string[]): Promise<void> {
    const fresh = [...new Set(names)].filter((name) => !this.locked.has(name)).sort();
    if (fresh.length === 0) return;
    const rows = (await this.db.query(
      `SELECT ${STOCK_COLUMNS} FROM stock WHERE name = ANY($1) ORDER BY name FOR UPDATE`,
      [fresh],
    )) as StockRow[];
    for (const name of fresh) this.locked.add(name);
    for (const row of rows) this.stocks.set(row.name, toStock(row));
  }

  /** Writes the fence and the journal rows (whose trigger changes their stocks); the caller commits. */
  async write(): Promise<void> {
    if (this.fence !== this.committedFence) {
      await this.db.query('UPDATE catalog_state SET fence_epoch = $1 WHERE id = 1', [this.fence]);
    }
    const rows = [...this.staged.values()];
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      const chunk = rows.slice(i, i + INSERT_ROWS);
      await this.db.query(
        `INSERT INTO trade_entry (${ENTRY_COLUMNS}) VALUES ${placeholders(chunk.length, 7)}`,
        chunk.flatMap(entryValues),
      );
    }
  }

  protected committedStock(name: string): Stock | undefined {
    return this.stocks.get(name);
  }

  protected unknownStock(name: string): Error {
    if (this.locked.has(name)) return new Error(`journal entry for an unknown stock (${name})`);
    return new Error(`stock ${name} was not locked in this transaction (call lockStocks first)`);
  }
}
