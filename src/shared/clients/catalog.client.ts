import { AppliedTrade, JournalEntry, StockView, TradeCommand } from '../contracts';

/** The catalog service as the other roles see it. Abstract class = DI token; tests bind fakes. */
export abstract class CatalogClient {
  abstract lookup(name: string): Promise<StockView>;
  abstract list(): Promise<StockView[]>;
  /** Applies the trade at most once per `tradeId`; throws the catalog's domain errors. */
  abstract trade(command: TradeCommand): Promise<AppliedTrade>;
  /** Makes the catalog refuse trades from epochs below `epoch`; throws StaleEpochError if it knows a newer one. */
  abstract fence(epoch: number): Promise<void>;
  /** Applied trades with `seq` above `afterSeq`, ascending, at most `limit`. */
  abstract journal(afterSeq: number, limit: number): Promise<JournalEntry[]>;
}
