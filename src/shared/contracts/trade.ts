import { WireError } from '../errors';

export const TRADE_TYPES = ['buy', 'sell'] as const;
export type TradeType = (typeof TRADE_TYPES)[number];

/** The catalog's view of one stock; `version` grows with every change (for cache freshness). */
export interface StockView {
  name: string;
  price: number;
  quantity: number;
  volume: number;
  version: number;
}

/** One trade, at most once per `tradeId` (the order's request id). */
export interface TradeRequest {
  tradeId: string;
  name: string;
  type: TradeType;
  quantity: number;
}

/**
 * Order leader → catalog (`POST /internal/trades`): trades applied in order, in one transaction.
 * `epoch` is the leader's: the catalog refuses the whole batch when it was fenced at a newer one.
 */
export interface TradeBatch {
  epoch: number;
  trades: TradeRequest[];
}

/** One applied trade in the catalog's journal; `seq` numbers applied trades from 1, no gaps. */
export interface JournalEntry {
  tradeId: string;
  seq: number;
  name: string;
  type: TradeType;
  quantity: number;
}

/** Per trade of a batch, in order: applied (now, or by an earlier call with the same id), or refused. */
export type TradeOutcome = { applied: JournalEntry } | { error: WireError };

/** What one restock added to a stock (`GET /internal/restocks`): quantity from outside the order log. */
export interface RestockEntry {
  name: string;
  quantity: number;
}

/** A new order leader → catalog: refuse trades from leaders of older epochs from now on. */
export interface FenceCommand {
  epoch: number;
}
