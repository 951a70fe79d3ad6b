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
  /** The leadership epoch that last wrote this entry; equal (number, epoch) means equal entries. */
  epoch: number;
}

export interface PlacedOrder {
  transactionNumber: number;
}
