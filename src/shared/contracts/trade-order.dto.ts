import { IsStockName, IsTradeQuantity, IsTradeType } from './trade-fields';
import { TradeType } from './trade';

/** The validated heart of every body that names a trade; public and internal bodies extend it. */
export class TradeOrderDto {
  @IsStockName()
  name!: string;

  @IsTradeType()
  type!: TradeType;

  @IsTradeQuantity()
  quantity!: number;
}
