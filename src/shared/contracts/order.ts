import { WireError } from '../errors';
import { TradeType } from './trade';

/** One order as the frontend forwards it to the leader; `requestId` makes retries safe. */
export interface PlaceOrderCommand {
  requestId: string;
  name: string;
  type: TradeType;
  quantity: number;
}

/** Frontend → leader (`POST /internal/orders`): orders placed together, each with its own outcome. */
export interface OrderBatch {
  orders: PlaceOrderCommand[];
}

/** Per order of a batch, in order: its transaction number once a majority holds it, or why not. */
export type OrderOutcome = { transactionNumber: number } | { error: WireError };

/** One entry of the replicated order log. */
export interface OrderRecord {
  number: number;
  name: string;
  type: TradeType;
  quantity: number;
  requestId: string;
  tradeSeq: number;
  /** The leadership epoch that last wrote this entry; equal (number, epoch) means equal entries. */
  epoch: number;
}

export interface PlacedOrder {
  transactionNumber: number;
}
