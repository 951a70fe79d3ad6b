import { IsRequestId, PlaceOrderCommand, TradeOrderDto } from '../shared/contracts';

export class PlaceOrderCommandDto extends TradeOrderDto implements PlaceOrderCommand {
  @IsRequestId()
  requestId!: string;
}
