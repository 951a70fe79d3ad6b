import { TradeType } from './trade';

/** Frontend → leader: place one order; `requestId` makes retries safe. */
export interface PlaceOrderCommand {
  requestId: string;
  name: string;
  type: TradeType;
  quantity: number;
}

/** One entry of the replicated order log. */
export interface OrderRecord {
  number: number;
  name: string;
  type: TradeType;
  quantity: number;
  requestId: string;
  tradeSeq: number;
}

export interface PlacedOrder {
  transactionNumber: number;
}
