import { IsRequestId, IsStockName, IsTradeQuantity, IsTradeType, TradeCommand, TradeType } from '../shared/contracts';

export class TradeCommandDto implements TradeCommand {
  @IsRequestId()
  tradeId!: string;

  @IsStockName()
  name!: string;

  @IsTradeType()
  type!: TradeType;

  @IsTradeQuantity()
  quantity!: number;
}
