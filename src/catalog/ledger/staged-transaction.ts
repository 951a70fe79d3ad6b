import { randomUUID } from 'node:crypto';
import { TradeRequest } from '../../shared/contracts';
import { Holding, LedgerTransaction } from './catalog-ledger';
import { JournalEntryRow } from './journal-entry.entity';
import { copyOf } from './journal-rows';
import { Stock } from './stock.entity';

/**
 * What both ledgers' transactions do alike: they stage journal rows and stock changes in memory,
 * and write them at the end (each its own way). A subclass says where committed stocks and
 * journal rows come from, and writes what is staged.
 */
export abstract class StagedTransaction implements LedgerTransaction {
  /** Journal rows to write, by trade id. */
  readonly staged = new Map<string, JournalEntryRow>();
  /** Stocks as this transaction changed them. */
  protected readonly changedStocks = new Map<string, Stock>();
  protected fence: number;

  constructor(
    /** The fence as committed when the transaction began. */
    protected readonly committedFence: number,
    /** The highest journal seq: the next applied trade takes the one after it. */
    protected lastSeq: number,
  ) {
    this.fence = committedFence;
  }

  abstract findEntries(tradeIds: readonly string[]): Promise<Map<string, JournalEntryRow>>;
  abstract lockStocks(names: readonly string[]): Promise<void>;
  /** The stock as committed before this transaction, undefined when there is none. */
  protected abstract committedStock(name: string): Stock | undefined;
  /** What to throw when a change names a stock that `committedStock` does not know. */
  protected abstract unknownStock(name: string): Error;

  get fenceEpoch(): number {
    return this.fence;
  }

  raiseFence(epoch: number): void {
    this.fence = Math.max(this.fence, epoch);
  }

  findStock(name: string): Stock | undefined {
    const stock = this.changedStocks.get(name) ?? this.committedStock(name);
    return stock && copyOf(stock);
  }

  applyTrade(trade: TradeRequest, next: Holding): { entry: JournalEntryRow; stock: Stock } {
    const stock = this.change(trade.name, next.quantity, next.volume);
    this.lastSeq += 1;
    return { entry: this.stage(trade.tradeId, 'trade', trade, 'applied', this.lastSeq), stock };
  }

  refuseTrade(trade: TradeRequest): JournalEntryRow {
    return this.stage(trade.tradeId, 'trade', trade, 'not_enough_stock', null);
  }

  restock(name: string, quantity: number): Stock {
    const stock = this.existing(name);
    const changed = this.change(name, stock.quantity + quantity, stock.volume);
    this.stage(`restock:${randomUUID()}`, 'restock', { name, type: null, quantity }, 'applied', null);
    return changed;
  }

  /** `found` (committed rows by trade id) with the rows staged here laid over it. */
  protected withStaged(tradeIds: readonly string[], found: Map<string, JournalEntryRow>): Map<string, JournalEntryRow> {
    for (const id of tradeIds) {
      const staged = this.staged.get(id);
      if (staged) found.set(id, staged);
    }
    return found;
  }

  private existing(name: string): Stock {
    const stock = this.findStock(name);
    if (!stock) throw this.unknownStock(name);
    return stock;
  }

  private change(name: string, quantity: number, volume: number): Stock {
    const stock = this.existing(name);
    Object.assign(stock, { quantity, volume, version: stock.version + 1 });
    this.changedStocks.set(name, stock);
    return copyOf(stock);
  }

  private stage(
    tradeId: string,
    kind: JournalEntryRow['kind'],
    what: Pick<JournalEntryRow, 'name' | 'type' | 'quantity'>,
    outcome: JournalEntryRow['outcome'],
    seq: number | null,
  ): JournalEntryRow {
    const { name, type, quantity } = what;
    const entry = Object.assign(new JournalEntryRow(), { tradeId, seq, kind, name, type, quantity, outcome });
    this.staged.set(tradeId, entry);
    return entry;
  }
}
