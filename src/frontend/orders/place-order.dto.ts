import { TradeOrderDto } from '../../shared/contracts';

/** The public body of `POST /orders`. */
export class PlaceOrderDto extends TradeOrderDto {}
