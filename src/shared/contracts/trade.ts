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

/** Order service → catalog: apply one trade, at most once per `tradeId`. */
export interface TradeCommand {
  tradeId: string;
  name: string;
  type: TradeType;
  quantity: number;
}

/** Catalog → order service: the trade was applied; `seq` numbers applied trades from 1, no gaps. */
export interface AppliedTrade {
  tradeId: string;
  seq: number;
  name: string;
  type: TradeType;
  quantity: number;
  stock: StockView;
}
