import { JournalEntry, RestockEntry, TradeRequest } from '../../shared/contracts';
import { JournalEntryRow } from './journal-entry.entity';
import { Stock } from './stock.entity';

/** A stock's new holding after a trade (the trade rule's answer). */
export interface Holding {
  quantity: number;
  volume: number;
}

/**
 * One atomic change of the catalog: reads see the committed state plus this transaction's own
 * staged changes; everything staged is written together when the work returns, or nothing is.
 */
export interface LedgerTransaction {
  /** Trades from order leaders below this epoch are refused. */
  readonly fenceEpoch: number;
  raiseFence(epoch: number): void;
  /** Journal rows of these trade ids, recorded before or staged in this transaction. */
  findEntries(tradeIds: readonly string[]): Promise<Map<string, JournalEntryRow>>;
  /**
   * Makes these stocks readable through `findStock` (and changeable) in this transaction; where
   * several processes write, it locks their rows until the transaction ends. Call it before
   * `findStock`, `applyTrade` or `restock` of a stock.
   */
  lockStocks(names: readonly string[]): Promise<void>;
  findStock(name: string): Stock | undefined;
  /** Stages an applied trade: the stock takes `next`, a new version, and the trade the next seq. */
  applyTrade(trade: TradeRequest, next: Holding): { entry: JournalEntryRow; stock: Stock };
  /** Stages a trade refused for want of stock, so that its id keeps that outcome. */
  refuseTrade(trade: TradeRequest): JournalEntryRow;
  /** Stages a restock that adds `quantity` to the stock. */
  restock(name: string, quantity: number): Stock;
}

/**
 * The catalog's storage: stocks, the journal of trades and restocks, the leaders' fence.
 * Abstract class = DI token: SQLite (one catalog process, the default) or PostgreSQL (several
 * catalog processes sharing the database). Reads see committed data only; transactions run one
 * after another, across every process that shares the storage.
 */
export abstract class CatalogLedger {
  abstract findStock(name: string): Promise<Stock | null>;
  /** Every stock, sorted by name. */
  abstract listStocks(): Promise<Stock[]>;
  abstract count(): Promise<number>;
  abstract insertStocks(stocks: readonly Stock[]): Promise<void>;
  abstract transaction<T>(work: (tx: LedgerTransaction) => Promise<T>): Promise<T>;
  /** Applied trades with seq above `afterSeq`, ascending. */
  abstract journalAfter(afterSeq: number, limit: number): Promise<JournalEntry[]>;
  /** Every restock, oldest first. */
  abstract restocks(): Promise<RestockEntry[]>;
}
