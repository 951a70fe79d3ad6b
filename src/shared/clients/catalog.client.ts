import { JournalEntry, StockView, TradeBatch, TradeOutcome } from '../contracts';

/** The catalog service as the other roles see it. Abstract class = DI token; tests bind fakes. */
export abstract class CatalogClient {
  abstract lookup(name: string): Promise<StockView>;
  abstract list(): Promise<StockView[]>;
  /**
   * Applies the trades in order, each at most once per `tradeId`, and answers one outcome per trade.
   * Throws StaleEpochError for the whole batch when a newer leader fenced the catalog.
   */
  abstract trade(batch: TradeBatch): Promise<TradeOutcome[]>;
  /** Makes the catalog refuse trades from epochs below `epoch`; throws StaleEpochError if it knows a newer one. */
  abstract fence(epoch: number): Promise<void>;
  /** Applied trades with `seq` above `afterSeq`, ascending, at most `limit`. */
  abstract journal(afterSeq: number, limit: number): Promise<JournalEntry[]>;
}
