import { ApiProperty } from '@nestjs/swagger';
import { TRADE_TYPES, TradeType } from '../../shared/contracts';

export class OrderReceipt {
  @ApiProperty({ example: 0 }) transaction_number!: number;
}

export class OrderReceiptResponse {
  @ApiProperty({ type: OrderReceipt }) data!: OrderReceipt;
}

export class OrderView {
  @ApiProperty({ example: 0 }) number!: number;
  @ApiProperty({ example: 'GameStart' }) name!: string;
  @ApiProperty({ enum: TRADE_TYPES, example: 'buy' }) type!: TradeType;
  @ApiProperty({ example: 1 }) quantity!: number;
}

export class OrderViewResponse {
  @ApiProperty({ type: OrderView }) data!: OrderView;
}
