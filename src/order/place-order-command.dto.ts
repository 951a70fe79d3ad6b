import { IsRequestId, IsStockName, IsTradeQuantity, IsTradeType, PlaceOrderCommand, TradeType } from '../shared/contracts';

export class PlaceOrderCommandDto implements PlaceOrderCommand {
  @IsRequestId()
  requestId!: string;

  @IsStockName()
  name!: string;

  @IsTradeType()
  type!: TradeType;

  @IsTradeQuantity()
  quantity!: number;
}
