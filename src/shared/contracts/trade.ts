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

/**
 * Order leader → catalog: apply one trade, at most once per `tradeId`. `epoch` is the leader's:
 * the catalog refuses epochs below the highest one it was fenced with.
 */
export interface TradeCommand {
  tradeId: string;
  name: string;
  type: TradeType;
  quantity: number;
  epoch: number;
}

/** One applied trade in the catalog's journal; `seq` numbers applied trades from 1, no gaps. */
export interface JournalEntry {
  tradeId: string;
  seq: number;
  name: string;
  type: TradeType;
  quantity: number;
}

/** Catalog → order service: the trade was applied (now or by an earlier call with the same id). */
export interface AppliedTrade extends JournalEntry {
  stock: StockView;
}

/** A new order leader → catalog: refuse trades from leaders of older epochs from now on. */
export interface FenceCommand {
  epoch: number;
}
