import { IsStockName, IsTradeQuantity, IsTradeType, TradeType } from '../../shared/contracts';

/** The public body of `POST /orders`. */
export class PlaceOrderDto {
  @IsStockName()
  name!: string;

  @IsTradeQuantity()
  quantity!: number;

  @IsTradeType()
  type!: TradeType;
}
