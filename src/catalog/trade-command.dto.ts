import { IsInt, Min } from 'class-validator';
import { IsRequestId, TradeCommand, TradeOrderDto } from '../shared/contracts';

export class TradeCommandDto extends TradeOrderDto implements TradeCommand {
  @IsRequestId()
  tradeId!: string;

  @IsInt()
  @Min(0)
  epoch!: number;
}
