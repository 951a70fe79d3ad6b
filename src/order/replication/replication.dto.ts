import { Type } from 'class-transformer';
import { IsArray, IsInt, Min, ValidateNested } from 'class-validator';
import { AppendRequest, IsRequestId, LeaderNotice, OrderRecord, TradeOrderDto } from '../../shared/contracts';

export class LeaderNoticeDto implements LeaderNotice {
  @IsInt() @Min(1) leaderId!: number;
  @IsInt() @Min(1) epoch!: number;
}

export class OrderRecordDto extends TradeOrderDto implements OrderRecord {
  @IsInt() @Min(0) number!: number;
  @IsRequestId() requestId!: string;
  @IsInt() @Min(1) tradeSeq!: number;
  @IsInt() @Min(0) epoch!: number;
}

export class AppendRequestDto implements AppendRequest {
  @IsInt() @Min(1) epoch!: number;
  @IsInt() @Min(1) leaderId!: number;
  @IsInt() @Min(-1) prevNumber!: number;
  @IsInt() @Min(-1) prevEpoch!: number;
  @IsInt() @Min(-1) commitNumber!: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OrderRecordDto)
  orders!: OrderRecordDto[];
}
